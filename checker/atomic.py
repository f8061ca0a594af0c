"""Replace a file all at once: a crash or a kill leaves the old file or the new one, never half.

The new bytes go to a temporary file in the same folder, are flushed to disk, and the temporary
file is renamed over the target. A process killed while writing (SIGKILL, power loss) can leave
that temporary file behind: hidden, next to the file, named ``.<name>.<random>.claimlint``; it
is safe to delete.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from checker.errors import ClaimlintError


def replace_file(path: Path, data: bytes, mode: int | None = None) -> None:
    """Write ``data`` to ``path`` atomically, with permission bits ``mode`` (None: the
    process's defaults for a new file). A folder that cannot be written is a one-line error."""
    try:
        handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.",
                                             suffix=".claimlint")
    except OSError as error:
        raise ClaimlintError(f"{path}: cannot write in {path.parent} ({error.strerror})"
                             ) from None
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(temporary, mode if mode is not None else 0o666 & ~_umask())
        os.replace(temporary, path)
    except OSError as error:
        Path(temporary).unlink(missing_ok=True)
        raise ClaimlintError(f"{path}: cannot write ({error.strerror})") from None
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def _umask() -> int:
    """The process's umask (reading it means setting it; set it straight back)."""
    mask = os.umask(0o022)
    os.umask(mask)
    return mask
