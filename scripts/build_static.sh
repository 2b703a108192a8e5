#!/usr/bin/env bash
# Build the web app's front-end assets from npm packages into the tree, where they are
# committed: a machine with only Python 3.11 then runs Signpost without Node.
#   web/static/vendor/govuk-frontend/   GOV.UK Frontend CSS (Arial, not GDS Transport:
#                                       councils are not on GOV.UK), JS and images
#   tests/browser/vendor/axe.min.js     axe-core, for the accessibility tests
# Run after changing package.json:  npm install && bash scripts/build_static.sh
set -euo pipefail
cd "$(dirname "$0")/.."
[ -d node_modules/govuk-frontend ] || npm install --no-audit --no-fund

GOVUK=node_modules/govuk-frontend/dist/govuk
OUT=web/static/vendor/govuk-frontend
rm -rf "$OUT"
mkdir -p "$OUT/assets" tests/browser/vendor

node_modules/.bin/sass --no-source-map --style=compressed --quiet-deps --load-path=node_modules \
  web/static/scss/govuk-frontend.scss "$OUT/govuk-frontend.min.css"
cp "$GOVUK/govuk-frontend.min.js" "$OUT/govuk-frontend.min.js"
cp -r "$GOVUK/assets/images" "$OUT/assets/images"
printf 'GOV.UK Frontend (https://github.com/alphagov/govuk-frontend), MIT licence, Crown copyright.\nThe npm package ships no licence file; see its package.json "license" field.\n' > "$OUT/LICENSE.txt"
node -e "process.stdout.write(require('govuk-frontend/package.json').version + '\n')" > "$OUT/VERSION"

cp node_modules/axe-core/axe.min.js tests/browser/vendor/axe.min.js
cp node_modules/axe-core/LICENSE tests/browser/vendor/axe-core.LICENSE
node -e "process.stdout.write(require('axe-core/package.json').version + '\n')" > tests/browser/vendor/AXE_VERSION
echo "Built $OUT ($(cat "$OUT/VERSION")) and tests/browser/vendor/axe.min.js ($(cat tests/browser/vendor/AXE_VERSION))"
