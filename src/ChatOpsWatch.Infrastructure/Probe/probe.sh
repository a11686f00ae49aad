#!/bin/sh
# placeholder: replaced by the real probe
echo "cow-probe 1"
