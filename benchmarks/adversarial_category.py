"""Inside a benchmark deployment: the slug of a public forum category, as one JSON line."""

import json
import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.production")

import django

django.setup()

from forum.models import Category

print(json.dumps(Category.objects.filter(restricted_to__isnull=True).order_by("pk").first().slug))
