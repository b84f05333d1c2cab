"""The union's classification template: data classes, the file loader, validation.

``from app.template import current_template, template_version, TemplateError``;
validation lives in :mod:`app.template.validation`.
"""

from app.template.loader import (
    TemplateError,
    archive_number,
    available_versions,
    clear_cache,
    current_template,
    load_template,
    template_problems,
    template_version,
)
from app.template.model import CategoryDef, FieldDef, GroupDef, SectionDef, SubtypeDef, Template

__all__ = [
    "CategoryDef",
    "FieldDef",
    "GroupDef",
    "SectionDef",
    "SubtypeDef",
    "Template",
    "TemplateError",
    "archive_number",
    "available_versions",
    "clear_cache",
    "current_template",
    "load_template",
    "template_problems",
    "template_version",
]
