"""`bob data fetch`: downloads the raw files from their official sources.

Each archive is downloaded once and the needed members are extracted into the
raw-data layout that `bob data build` reads (see `sources.py` for every URL).
Each file is written to a temporary name and renamed, so an interrupted fetch
never leaves a half-written file behind.
"""

from __future__ import annotations

import io
import os
import tarfile
import zipfile
from collections.abc import Callable, Iterable
from pathlib import Path

import httpx

from bob_emploi.data.errors import FetchError
from bob_emploi.data.sources import FETCHABLE, Source

TIMEOUT = httpx.Timeout(30.0, connect=10.0)


def _extract(archive: bytes, url: str, member: str) -> bytes:
    try:
        if url.endswith((".tgz", ".tar.gz")):
            with tarfile.open(fileobj=io.BytesIO(archive), mode="r:gz") as tar:
                extracted = tar.extractfile(member)
                if extracted is None:
                    raise KeyError(member)
                return extracted.read()
        with zipfile.ZipFile(io.BytesIO(archive)) as zipped:
            names = {Path(name).name: name for name in zipped.namelist()}
            return zipped.read(names.get(member, member))
    except (KeyError, tarfile.TarError, zipfile.BadZipFile) as error:
        raise FetchError(f"{url}: the archive has no usable {member!r} ({error})") from None


def _write_atomically(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.{os.getpid()}.part")
    temporary.write_bytes(data)
    os.replace(temporary, path)


def fetch_raw_data(
    to: Path,
    *,
    client: httpx.Client | None = None,
    files: Iterable[Source] = FETCHABLE,
    on_file: Callable[[Source], None] | None = None,
) -> list[Path]:
    """Downloads every fetchable raw file into `to`; returns the paths written."""
    own_client = client is None
    client = client or httpx.Client(timeout=TIMEOUT, follow_redirects=True)
    downloads: dict[str, bytes] = {}
    written = []
    try:
        for source in files:
            if source.url not in downloads:
                try:
                    response = client.get(source.url)
                    response.raise_for_status()
                except httpx.HTTPStatusError as error:
                    raise FetchError(
                        f"{source.url}: the server answered {error.response.status_code}; the file may have moved: "
                        "check the publisher's page and update bob_emploi/data/sources.py"
                    ) from None
                except httpx.TransportError as error:
                    raise FetchError(
                        f"cannot reach {httpx.URL(source.url).host} ({error.__class__.__name__}): are you offline? "
                        "Without internet, point BOB_RAW_DATA (or --raw) at a copy of the raw files."
                    ) from None
                downloads[source.url] = response.content
            data = downloads[source.url]
            if source.archive_member:
                data = _extract(data, source.url, source.archive_member)
            path = to / source.path
            _write_atomically(path, data)
            written.append(path)
            if on_file:
                on_file(source)
    finally:
        if own_client:
            client.close()
    return written
