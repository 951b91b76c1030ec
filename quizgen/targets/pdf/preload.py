"""Imported by the fork server that starts the render workers: WeasyPrint is loaded once, there."""

import signal

from quizgen.targets.pdf import engine

# Ctrl-C reaches the whole process group, and it is the build's to act on: it stops the render
# workers itself. The server ignores SIGINT only once its modules are loaded (a second or so),
# which would leave it printing a traceback until then; and its workers get what it had before.
signal.signal(signal.SIGINT, signal.SIG_IGN)
engine.load()
