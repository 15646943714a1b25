"""PDF documents built with reportlab's platypus: reports and action plans."""
