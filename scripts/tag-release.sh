#!/usr/bin/env bash
# Tags a release: a commit on top of HEAD whose tree is HEAD's plus the built dist/, tagged
# `v<version of package.json>` (or the tag given). pre-commit installs a hook repository at a tag
# with `npm install`, `npm pack` and `npm install -g`: the tagged tree must already hold what the
# package runs, since dist/ is not in the branch and a build script would break `npm pack`'s
# output, which pre-commit reads. The branch itself is left as it is.
#
#   scripts/tag-release.sh            # v0.1.0, from package.json
#   scripts/tag-release.sh v0.1.0-rc.1
#   git push --force origin v0.1.0 v0   # then npm publish from the same tree
set -euo pipefail
cd "$(dirname "$0")/.."

tag=${1:-v$(node -p "require('./package.json').version")}
if [ -n "$(git status --porcelain --untracked-files=no)" ]; then
  echo "tag-release: commit or stash your changes first: the tag must be HEAD plus dist/" >&2
  exit 2
fi
if git rev-parse --quiet --verify "refs/tags/$tag" > /dev/null; then
  echo "tag-release: $tag exists already" >&2
  exit 2
fi

npm run build
index=$(mktemp)
trap 'rm -f "$index"' EXIT
GIT_INDEX_FILE=$index git read-tree HEAD
GIT_INDEX_FILE=$index git add --force dist/src dist/rules
tree=$(GIT_INDEX_FILE=$index git write-tree)
commit=$(git commit-tree "$tree" -p HEAD -m "Release $tag: the sources of HEAD and the built dist/")
git tag -a "$tag" -m "$tag" "$commit"
pushed="$tag"
# The GitHub Action is used by its major version (persona-lint/persona-lint@v0): move that tag too.
if [[ $tag =~ ^(v[0-9]+)\.[0-9]+\.[0-9]+$ ]]; then
  git tag --force "${BASH_REMATCH[1]}" "$commit" > /dev/null
  pushed="$tag ${BASH_REMATCH[1]}"
fi
echo "tag-release: tagged $pushed ($commit): HEAD plus dist/; push with git push --force origin $pushed"
