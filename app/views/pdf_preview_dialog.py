"""Print preview of a PDF the program made: look, print through the system dialog, save.

The PDF stays in memory: pages are rendered with PDFium (pypdfium2) straight
into QImages, for the screen and again at the printer's resolution, so
nothing is written to a temporary file. (QtPdf would do the same but ships
only in PySide6-Addons, some hundred megabytes more for the installer.)
Printing and saving are reported to the caller, which records them in the
audit chain: the dialog itself knows nothing of the archive.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pypdfium2 as pdfium
from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QImage, QKeySequence, QPainter, QPixmap, QShortcut
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from app.errors import AppError, InvalidInput
from app.views.messages import show_error

ZOOMS = (0.75, 1.0, 1.25, 1.5)


def render_page(document: pdfium.PdfDocument, index: int, scale: float) -> QImage:
    """One page as an RGB QImage (a deep copy: the PDFium buffer is freed afterwards)."""
    bitmap = document[index].render(scale=scale, rev_byteorder=True)
    try:
        image = QImage(
            bytes(bitmap.buffer),
            bitmap.width,
            bitmap.height,
            bitmap.stride,
            QImage.Format.Format_RGB888,
        )
        return image.copy()
    finally:
        bitmap.close()


class PdfPreviewDialog(QDialog):
    """打印预览: the pages, a zoom, 打印… and 另存为 PDF…."""

    def __init__(
        self,
        data: bytes,
        title: str,
        suggested_name: str,
        *,
        on_print: Callable[[], None] | None = None,
        on_save: Callable[[Path], None] | None = None,
        outputs: frozenset[str] = frozenset({"print", "save"}),
        parent: QWidget | None = None,
    ) -> None:
        """``outputs``: what this document may become, "print" and/or "save" (a copy made
        under a permit to print only is not saved, article 17.1)."""
        super().__init__(parent)
        self._outputs = outputs
        self.setWindowTitle(title)
        self._data = data
        self._suggested = suggested_name
        self._on_print = on_print
        self._on_save = on_save
        try:
            self._document = pdfium.PdfDocument(data)
        except pdfium.PdfiumError:
            raise InvalidInput("无法显示此 PDF 文件:文件已损坏。请重新生成。") from None

        self.zoom = QComboBox()
        for zoom in ZOOMS:
            self.zoom.addItem(f"{int(zoom * 100)}%", zoom)
        self.zoom.setCurrentIndex(1)
        self.zoom.setAccessibleName(self.tr("缩放"))
        self.page_count = QLabel(self.tr("共 %n 页", "", len(self._document)))
        self.print_button = QPushButton(self.tr("打印…"))
        self.save_button = QPushButton(self.tr("另存为 PDF…"))
        self.close_button = QPushButton(self.tr("关闭"))
        self.print_button.setDefault(True)

        bar = QHBoxLayout()
        bar.addWidget(QLabel(self.tr("缩放:")))
        bar.addWidget(self.zoom)
        bar.addWidget(self.page_count)
        bar.addStretch(1)
        bar.addWidget(self.print_button)
        bar.addWidget(self.save_button)
        bar.addWidget(self.close_button)

        self.pages = QWidget()
        self._pages_layout = QVBoxLayout(self.pages)
        self._pages_layout.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        self.scroll = QScrollArea()
        self.scroll.setWidget(self.pages)
        self.scroll.setWidgetResizable(True)
        self.scroll.setAlignment(Qt.AlignmentFlag.AlignHCenter)

        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.scroll, 1)

        self.zoom.currentIndexChanged.connect(self._render)
        self.print_button.clicked.connect(self.print_document)
        self.save_button.clicked.connect(self.save_as)
        self.close_button.clicked.connect(self.reject)
        QShortcut(QKeySequence.StandardKey.Print, self, activated=self.print_document)
        QShortcut(QKeySequence.StandardKey.Save, self, activated=self.save_as)
        self.print_button.setVisible("print" in outputs)
        self.save_button.setVisible("save" in outputs)
        if "print" not in outputs:
            self.save_button.setDefault(True)
        self.setTabOrder(self.zoom, self.print_button)
        self.setTabOrder(self.print_button, self.save_button)
        self.setTabOrder(self.save_button, self.close_button)
        self.resize(760, 700)
        self._render()

    @property
    def page_labels(self) -> list[QLabel]:
        return [
            w
            for i in range(self._pages_layout.count())
            if isinstance(w := self._pages_layout.itemAt(i).widget(), QLabel)
        ]

    def _render(self) -> None:
        while self._pages_layout.count():
            item = self._pages_layout.takeAt(0)
            if item.widget() is not None:
                item.widget().deleteLater()
        zoom = float(self.zoom.currentData() or 1.0)
        scale = zoom * self.logicalDpiX() / 72.0
        for index in range(len(self._document)):
            label = QLabel()
            label.setPixmap(QPixmap.fromImage(render_page(self._document, index, scale)))
            label.setFrameShape(QLabel.Shape.Box)
            label.setAccessibleName(self.tr("第 %1 页").replace("%1", str(index + 1)))
            self._pages_layout.addWidget(label)

    def print_to(self, printer: QPrinter) -> None:
        """Each page at the printer's own resolution, fitted to its page, in order."""
        painter = QPainter()
        if not painter.begin(printer):
            raise InvalidInput("无法开始打印:请检查打印机是否已连接并处于就绪状态。")
        try:
            scale = printer.resolution() / 72.0
            for index in range(len(self._document)):
                if index:
                    printer.newPage()
                image = render_page(self._document, index, scale)
                target = QRectF(painter.viewport())
                size = image.size().scaled(
                    target.size().toSize(), Qt.AspectRatioMode.KeepAspectRatio
                )
                painter.drawImage(QRectF(target.topLeft(), size.toSizeF()), image)
        finally:
            painter.end()

    def print_document(self) -> None:
        if "print" not in self._outputs:
            return
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setDocName(self.windowTitle())
        dialog = QPrintDialog(printer, self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        try:
            self.print_to(printer)
            if self._on_print is not None:
                self._on_print()
        except AppError as exc:
            show_error(self, exc)

    def save_as(self) -> None:
        if "save" not in self._outputs:
            return
        name, _ = QFileDialog.getSaveFileName(
            self, self.tr("另存为 PDF"), self._suggested, self.tr("PDF 文件 (*.pdf)")
        )
        if name:
            self.save_to(Path(name))

    def save_to(self, path: Path) -> None:
        if "save" not in self._outputs:
            return
        if path.suffix.lower() != ".pdf":
            path = path.with_suffix(".pdf")
        try:
            path.write_bytes(self._data)
        except OSError as exc:
            show_error(
                self,
                InvalidInput(f"无法保存到“{path}”:{exc.strerror or exc}。请换一个文件夹。"),
            )
            return
        if self._on_save is not None:
            try:
                self._on_save(path)
            except AppError as exc:
                show_error(self, exc)

    def done(self, result: int) -> None:
        self._document.close()
        super().done(result)
