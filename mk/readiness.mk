# mk/readiness.mk: build and test files of the readiness area (appended to the lists set in Makefile.am)

noinst_HEADERS += include/handoff/report.h
