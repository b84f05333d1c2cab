"""Every procedure on the approval engine; importing this registers them all.

A new procedure module is added here, and nowhere else needs to know of it.
"""

from app.workflows import modification, update_submission

__all__ = ["modification", "update_submission"]
