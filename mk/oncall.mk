# mk/oncall.mk: build and test files of the oncall area (appended to the lists set in Makefile.am)
