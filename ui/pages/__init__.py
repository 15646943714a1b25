"""One module per page of the signed-in workspace."""
