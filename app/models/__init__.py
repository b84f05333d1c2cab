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
from app.models.destruction import DestructionRecord
from app.models.incident import Incident, IncidentStep, IncidentView
from app.models.inspection import Inspection
from app.models.meta import ArchiveMeta
from app.models.outflow import ExternalProvision, TransferRecord
from app.models.safekeeping import CheckoutRecord, Reconciliation
from app.models.user import User, UserKey, UserRole
from app.models.vault import VaultRecord

__all__ = [
    "ApprovalDecision",
    "ArchiveCounter",
    "ArchiveMeta",
    "AuditEvent",
    "Base",
    "Carrier",
    "CheckoutRecord",
    "Customer",
    "CustomerNameGram",
    "CustomerSearchKey",
    "CustomerVersion",
    "DestructionRecord",
    "ExternalProvision",
    "Incident",
    "IncidentStep",
    "IncidentView",
    "Inspection",
    "Reconciliation",
    "Request",
    "RequestAttachment",
    "RequestCustomer",
    "TransferRecord",
    "User",
    "UserKey",
    "UserRole",
    "VaultBase",
    "VaultRecord",
]
