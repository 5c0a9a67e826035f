"""Uploaded files kept outside MEDIA_ROOT: no address of their own, they reach a visitor only
through a view that checks who asks."""

from pathlib import Path

from django.core.files.storage import FileSystemStorage


class PrivateFileStorage(FileSystemStorage):
    """A subclass names the folder in `base_location`, read from the settings at each use (so a
    test's override applies)."""

    @property
    def location(self):
        return str(Path(self.base_location).resolve())

    @property
    def base_url(self):
        return None
