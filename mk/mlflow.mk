# mk/mlflow.mk: build and test files of the mlflow area (appended to the lists set in Makefile.am)
