# mk/sprint.mk: build and test files of the sprint area (appended to the lists set in Makefile.am)
