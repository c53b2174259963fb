"""The ways in: the command line, requests and batches, the Python API, schemas, rendering."""
