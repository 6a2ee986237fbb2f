"""``python -m sockg``: the same as the ``sockg`` command."""

from .cli import main

if __name__ == "__main__":  # pragma: no cover
    main()
