"""Files that ship with CareersDesk: the built careers library, fonts and icons.

Installed as the ``careersdesk_resources`` package; see careersdesk/resources.py.
"""
