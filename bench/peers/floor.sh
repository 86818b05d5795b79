#!/bin/sh
# The floor: inflate the shared strings and the sheet with Info-ZIP's unzip
# (C zlib) and count "<row" tokens. Prints the number of rows.
# usage: floor.sh LIST.xlsx
here=$(dirname "$0")
unzip -p "$1" xl/sharedStrings.xml xl/worksheets/sheet1.xml | "$here/../../bin/floorscan"
