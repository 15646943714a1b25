"""CareersDesk core: domain, storage, services, content and rendering. Never imports Qt."""

__version__ = "0.1.0"
