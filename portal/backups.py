"""Whole-site backup and restore: the database and the uploaded files in one .tar.gz archive
(the media folder, and the registry's adopted schemes kept outside it: FILE_FOLDERS).

PostgreSQL is dumped with pg_dump's custom format and restored with pg_restore; SQLite with its
online backup API. The search index is not archived: it is rebuilt from the database on restore.
"""

import io
import json
import os
import re
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from datetime import UTC, datetime
from pathlib import Path

from django.conf import settings
from django.db import connection

FORMAT_VERSION = 1
# pg_dump / pg_restore are stopped after this many seconds; a lock is awaited at most
# LOCK_TIMEOUT seconds.
COMMAND_TIMEOUT = 3600
LOCK_TIMEOUT = 60


# Folders of uploaded files: their name in the archive, and the setting that locates them.
FILE_FOLDERS = {"media": "MEDIA_ROOT", "registre": "REGISTRE_DOCUMENTS_ROOT"}


def _file_folders():
    return {
        name: Path(getattr(settings, setting))
        for name, setting in FILE_FOLDERS.items()
        if getattr(settings, setting, None)
    }


class BackupError(Exception):
    pass


def _pg_env_and_args():
    params = connection.get_connection_params()
    env = dict(os.environ)
    if params.get("password"):
        env["PGPASSWORD"] = str(params["password"])
    # Never wait forever behind another session's lock (a running request, a migration).
    env["PGOPTIONS"] = f"{env.get('PGOPTIONS', '')} -c lock_timeout={LOCK_TIMEOUT * 1000}".strip()
    args = []
    for option, key in (("--host", "host"), ("--port", "port"), ("--username", "user")):
        if params.get(key):
            args += [option, str(params[key])]
    return env, args, params.get("dbname") or connection.settings_dict["NAME"]


def _pg_tool(name):
    """The client tool of the server's major version: pg_dump refuses a newer server.

    Debian installs each version's tools under /usr/lib/postgresql/<major>/bin; elsewhere the
    tool on PATH is used, after checking its version.
    """
    server_major = connection.pg_version // 10000
    versioned = Path(f"/usr/lib/postgresql/{server_major}/bin/{name}")
    tool = str(versioned) if versioned.exists() else shutil.which(name)
    if tool is None:
        raise BackupError(
            f"{name} est introuvable : installez le client PostgreSQL {server_major}."
        )
    output = _run([tool, "--version"], os.environ, name).stdout
    match = re.search(r"(\d+)(?:\.\d+)?", output)
    client_major = int(match.group(1)) if match else 0
    if client_major < server_major:
        raise BackupError(
            f"{name} {client_major} est plus ancien que le serveur PostgreSQL {server_major} : "
            f"installez le client PostgreSQL {server_major} (paquet postgresql-client-"
            f"{server_major})."
        )
    return tool


def _run(command, env, name):
    try:
        result = subprocess.run(
            command, env=env, capture_output=True, text=True, timeout=COMMAND_TIMEOUT
        )
    except subprocess.TimeoutExpired as error:
        raise BackupError(f"{name} n'a pas terminé en {COMMAND_TIMEOUT} secondes.") from error
    if result.returncode:
        raise BackupError(f"{name} a échoué : {result.stderr.strip()}")
    return result


def _dump_database(target: Path):
    if connection.vendor == "postgresql":
        env, args, name = _pg_env_and_args()
        tool = _pg_tool("pg_dump")
        _run(
            [tool, "--format=custom", "--no-owner", "--file", str(target), *args, name],
            env,
            "pg_dump",
        )
    elif connection.vendor == "sqlite":
        connection.ensure_connection()
        with sqlite3.connect(target) as destination:
            connection.connection.backup(destination)
    else:
        raise BackupError(f"Base de données non prise en charge : {connection.vendor}")


def _load_database(source: Path):
    if connection.vendor == "postgresql":
        env, args, name = _pg_env_and_args()
        tool = _pg_tool("pg_restore")
        connection.close()
        command = [
            tool,
            "--clean",
            "--if-exists",
            "--no-owner",
            "--single-transaction",
            *args,
            "--dbname",
            name,
            str(source),
        ]
        _run(command, env, "pg_restore")
    elif connection.vendor == "sqlite":
        connection.ensure_connection()
        with sqlite3.connect(source) as origin:
            origin.backup(connection.connection)
    else:
        raise BackupError(f"Base de données non prise en charge : {connection.vendor}")


def create_backup(archive: Path) -> dict:
    """Writes the archive and returns its manifest."""
    manifest = {
        "format": FORMAT_VERSION,
        "created": datetime.now(UTC).isoformat(),
        "database": connection.vendor,
    }
    with tempfile.TemporaryDirectory() as workdir:
        dump = Path(workdir) / "database.dump"
        _dump_database(dump)
        with tarfile.open(archive, "w:gz") as tar:
            data = json.dumps(manifest, indent=2).encode()
            info = tarfile.TarInfo("manifest.json")
            info.size = len(data)
            tar.addfile(info, io.BytesIO(data))
            tar.add(dump, arcname="database.dump")
            for name, folder in _file_folders().items():
                if folder.is_dir():
                    tar.add(folder, arcname=name)
    return manifest


def restore_backup(archive: Path) -> dict:
    """Replaces the database and the uploaded files with the archive's content; returns its
    manifest."""
    if not tarfile.is_tarfile(archive):
        raise BackupError(f"{archive} n'est pas une archive de sauvegarde.")
    with tempfile.TemporaryDirectory() as workdir, tarfile.open(archive, "r:gz") as tar:
        tar.extractall(workdir, filter="data")
        manifest_path = Path(workdir) / "manifest.json"
        if not manifest_path.exists():
            raise BackupError("Archive incomplète : manifest.json manquant.")
        manifest = json.loads(manifest_path.read_text())
        if manifest.get("format") != FORMAT_VERSION:
            raise BackupError(f"Format d'archive inconnu : {manifest.get('format')}.")
        if manifest.get("database") != connection.vendor:
            raise BackupError(
                f"Cette sauvegarde vient d'une base {manifest.get('database')} ; "
                f"la base configurée est {connection.vendor}."
            )
        _load_database(Path(workdir) / "database.dump")
        for name, folder in _file_folders().items():
            extracted = Path(workdir) / name
            if extracted.is_dir():
                if folder.exists():
                    shutil.rmtree(folder)
                shutil.copytree(extracted, folder)
    return manifest
