"""The PySide6 front end of CareersDesk.  Screens call careersdesk.services; they never write SQL."""
