"""Supporting material of a request: picking files to attach, and showing one from memory.

An attachment is customer content (an ID card scan, a household register), so
it never leaves the encrypted archive in readable form: an image is decoded
from the bytes the workflow returns (QPixmap.loadFromData) and shown in this
window only, never written to a temporary file for another program to open.
PySide6-Essentials has no PDF renderer, so a PDF is described (name, size,
SHA-256 to compare with the paper) rather than opened elsewhere.

The picker reads files chosen by the person and checks their type and size
through the workflow's own rules at once, so a wrong file is refused when it
is added, not after the whole form has been filled in.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QKeySequence, QPixmap, QResizeEvent, QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from app.errors import AppError
from app.views import copy_guard
from app.views.labels import label_text
from app.views.messages import show_error
from app.workflows import attachments
from app.workflows.attachments import AttachmentLine, NewAttachment

IMAGE_TYPES = ("image/jpeg", "image/png")


def size_text(size: int) -> str:
    """A file size as people read it (KB below one megabyte)."""
    if size < 1024 * 1024:
        return f"{max(size, 1) / 1024:.1f} KB"
    return f"{size / 1024 / 1024:.1f} MB"


def is_image(media_type: str) -> bool:
    return media_type in IMAGE_TYPES


# --- showing one attachment ---------------------------------------------------------------------


class AttachmentViewerDialog(QDialog):
    """One attachment: an image shown from memory (fit to the window or at full size),
    or, for a PDF, what identifies it."""

    def __init__(
        self,
        line: AttachmentLine,
        data: bytes | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        copy_guard.mark_content(self)  # customer content: no copying out (art. 17.1)
        self.setModal(True)
        self.setWindowTitle(self.tr("附件:{name}").format(name=line.filename))
        self._pixmap = QPixmap()
        self._line = line

        facts = QFormLayout()
        facts.addRow(self.tr("文件名"), QLabel(line.filename))
        facts.addRow(
            self.tr("类型和大小"),
            QLabel(f"{label_text(line.media_label)} · {size_text(line.size)}"),
        )
        digest = QLabel(line.sha256)
        digest.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        digest.setToolTip(self.tr("SHA-256 校验值:可与原件扫描文件的校验值核对"))
        facts.addRow(self.tr("SHA-256"), digest)

        self.image_label = QLabel()
        self.image_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.scroll = QScrollArea()
        self.scroll.setWidget(self.image_label)
        self.scroll.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.scroll.setWidgetResizable(False)

        self.fit_button = QPushButton(self.tr("适合窗口(&F)"))
        self.fit_button.setCheckable(True)
        self.fit_button.setChecked(True)
        self.fit_button.setAutoDefault(False)
        self.fit_button.toggled.connect(lambda _on: self._show_pixmap())
        self.note_label = QLabel()
        self.note_label.setWordWrap(True)
        self.note_label.setStyleSheet("color: #555;")

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close = buttons.button(QDialogButtonBox.StandardButton.Close)
        close.setText(self.tr("关闭"))
        close.setDefault(True)
        buttons.rejected.connect(self.reject)
        row = QHBoxLayout()
        row.addWidget(self.fit_button)
        row.addWidget(self.note_label, 1)
        row.addWidget(buttons)

        layout = QVBoxLayout(self)
        layout.addLayout(facts)
        layout.addWidget(self.scroll, 1)
        layout.addLayout(row)
        QShortcut(QKeySequence(Qt.Key.Key_F), self, activated=self.fit_button.toggle)

        if is_image(line.media_type) and data is not None and self._pixmap.loadFromData(data):
            self.resize(900, 660)
            self.note_label.setText(self.tr("图片仅在本窗口中显示,不会另存到磁盘。"))
        else:
            self.scroll.hide()
            self.fit_button.hide()
            if is_image(line.media_type):
                text = self.tr("图片无法显示,文件可能已损坏。请核对 SHA-256 校验值。")
            else:
                text = self.tr(
                    "本程序内暂不能显示 PDF 内容;打印预览功能提供后可在其中查看。"
                    "为防止客户信息泄露,附件不会以解密形式保存到磁盘。"
                    "如需核对,请将上面的校验值与原件扫描文件的校验值比对。"
                )
            self.note_label.setText(text)
            self.resize(560, 220)
        self._show_pixmap()

    @property
    def has_image(self) -> bool:
        return not self._pixmap.isNull()

    def _show_pixmap(self) -> None:
        if self._pixmap.isNull():
            return
        if self.fit_button.isChecked():
            room = self.scroll.viewport().size() - QSize(4, 4)
            shown = self._pixmap.scaled(
                room.expandedTo(QSize(16, 16)),
                Qt.AspectRatioMode.KeepAspectRatio,
                Qt.TransformationMode.SmoothTransformation,
            )
        else:
            shown = self._pixmap
        self.image_label.setPixmap(shown)
        self.image_label.resize(shown.size())

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if self.fit_button.isChecked():
            self._show_pixmap()

    def done(self, result: int) -> None:
        # drop the decoded picture with the window (it is customer content)
        self.image_label.clear()
        self._pixmap = QPixmap()
        super().done(result)


# --- choosing files to attach -------------------------------------------------------------------


class AttachmentPicker(QWidget):
    """添加… / 移除 over a list of files, each read and checked as it is added."""

    #: the list of files changed
    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._files: list[NewAttachment] = []
        self.list = QListWidget()
        self.list.setObjectName("attachmentList")
        self.list.setMinimumHeight(52)
        self.add_button = QPushButton(self.tr("添加(&A)…"))
        self.remove_button = QPushButton(self.tr("移除"))
        for button in (self.add_button, self.remove_button):
            button.setAutoDefault(False)
        self.add_button.clicked.connect(self.choose)
        self.remove_button.clicked.connect(self.remove_selected)
        self.list.currentRowChanged.connect(lambda _row: self._update())
        self.limit_label = QLabel(
            self.tr("PDF、JPEG 或 PNG,每个不超过 {mb} MB,最多 {n} 个").format(
                mb=attachments.MAX_BYTES // 1024 // 1024, n=attachments.MAX_FILES
            )
        )
        self.limit_label.setStyleSheet("color: #555;")
        self.limit_label.setWordWrap(True)

        buttons = QVBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.remove_button)
        buttons.addStretch(1)
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.list, 1)
        row.addLayout(buttons)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(row, 1)
        layout.addWidget(self.limit_label)
        self.setTabOrder(self.list, self.add_button)
        self.setTabOrder(self.add_button, self.remove_button)
        self._update()

    @property
    def files(self) -> list[NewAttachment]:
        return list(self._files)

    def choose(self) -> None:
        names, _filter = QFileDialog.getOpenFileNames(
            self,
            self.tr("选择证明材料"),
            "",
            self.tr("证明材料 (*.pdf *.jpg *.jpeg *.png);;所有文件 (*)"),
        )
        self.add_paths([Path(name) for name in names])

    def add_paths(self, paths: list[Path]) -> None:
        """Read and check each file; the first unacceptable one is explained and skipped."""
        for path in paths:
            if len(self._files) >= attachments.MAX_FILES:
                show_error(
                    self,
                    AppError(
                        self.tr("每份申请最多 {n} 个附件,请合并后再添加。").format(
                            n=attachments.MAX_FILES
                        )
                    ),
                )
                break
            try:
                item = NewAttachment.read(path)
                kind = attachments.media_type(item.filename, item.data)
            except AppError as exc:
                show_error(self, exc, self.tr("不能添加此附件"))
                continue
            self._files.append(item)
            entry = QListWidgetItem(
                self.tr("{name}({kind},{size})").format(
                    name=item.filename,
                    kind=label_text(attachments.MEDIA_LABELS.get(kind, kind)),
                    size=size_text(len(item.data)),
                )
            )
            self.list.addItem(entry)
            self.list.setCurrentItem(entry)
        self._update()
        self.changed.emit()

    def remove_selected(self) -> None:
        row = self.list.currentRow()
        if 0 <= row < len(self._files):
            del self._files[row]
            self.list.takeItem(row)
            self._update()
            self.changed.emit()

    def clear_files(self) -> None:
        """Forget the files read (after submitting, or when the dialog closes)."""
        self._files.clear()
        self.list.clear()
        self._update()

    def _update(self) -> None:
        self.remove_button.setEnabled(self.list.currentRow() >= 0)
