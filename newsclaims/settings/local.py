"""Development on a laptop: `make run`. DEBUG on, an insecure key that is never used in production."""

from .base import *  # noqa: F403
from .base import env_bool

DEBUG = env_bool("DEBUG", True)
SECRET_KEY = SECRET_KEY or "dev-only-insecure-key-newsclaims-not-for-production"  # noqa: F405
