from __future__ import annotations

from vecinos import worker
from vecinos.privacy.retention import purge_job

worker.register("purge what is past its retention", every_seconds=3600)(purge_job)
