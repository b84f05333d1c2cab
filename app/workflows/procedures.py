"""Every procedure on the approval engine; importing this registers them all.

A new procedure module is added here, and nowhere else needs to know of it.
"""

from app.workflows import (
    consultation,
    copying,
    destruction,
    external_provision,
    inspection,
    modification,
    tier,
    update_submission,
)

__all__ = [
    "consultation",
    "copying",
    "destruction",
    "external_provision",
    "inspection",
    "modification",
    "tier",
    "update_submission",
]
