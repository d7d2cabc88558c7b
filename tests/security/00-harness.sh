#!/bin/sh
# The harness itself: lib.sh's expect fails on a wrong status.
. "$(dirname "$0")/../lib.sh"
expect harness-usage 2 "uplift: unknown command 'no-such-command' (try 'uplift help')" -- no-such-command
finish
