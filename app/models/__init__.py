"""Typed ORM classes. Importing this package registers every table on ``Base.metadata``."""

from app.models.approval import (
    ApprovalDecision,
    CustomerVersion,
    Request,
    RequestAttachment,
    RequestCustomer,
)
from app.models.audit import AuditEvent
from app.models.base import Base, VaultBase
from app.models.customer import (
    ArchiveCounter,
    Carrier,
    Customer,
    CustomerNameGram,
    CustomerSearchKey,
)
from app.models.meta import ArchiveMeta
from app.models.user import User, UserKey, UserRole
from app.models.vault import VaultRecord

__all__ = [
    "ApprovalDecision",
    "ArchiveCounter",
    "ArchiveMeta",
    "AuditEvent",
    "Base",
    "Carrier",
    "Customer",
    "CustomerNameGram",
    "CustomerSearchKey",
    "CustomerVersion",
    "Request",
    "RequestAttachment",
    "RequestCustomer",
    "User",
    "UserKey",
    "UserRole",
    "VaultBase",
    "VaultRecord",
]
