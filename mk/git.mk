# mk/git.mk: build and test files of the git area (appended to the lists set in Makefile.am)
