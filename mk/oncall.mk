# mk/oncall.mk: build and test files of the oncall area (appended to the lists set in Makefile.am)
libhf_store_a_SOURCES += src/store/oncall.c
noinst_HEADERS += include/handoff/store_oncall.h
