#!/bin/sh
# 66-xlsx.sh - summary.xlsx from hostile names: arms named =1+1 and [x:y*?,
# a label =HYPERLINK(...), an experiment named +cmd|' /C calc'!A0, a segment
# value [x]:y*? and --by columns named with / [ ] ? \ ' in 40 characters come
# out as string cells (no formula in the file) and as legal, unique sheet
# names. The cases are those of tests/cli/84-summary-xlsx.sh's second half.
XLSX_PART=hostile
export XLSX_PART
exec sh "$(cd "$(dirname "$0")" && pwd)/../cli/84-summary-xlsx.sh"
