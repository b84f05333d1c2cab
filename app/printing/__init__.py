"""Printed documents (the consultation form, registers, reports) built with reportlab.

Nothing here imports Qt or opens an archive: a document is drawn from plain
frozen values that a workflow hands over, so it can be printed from the GUI,
from the command line and from tests alike.
"""
