# mk/tui.mk: build and test files of the tui area (appended to the lists set in Makefile.am)
