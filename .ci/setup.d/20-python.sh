# The project and its dev extras in a virtualenv at .venv.
if [ ! -x .venv/bin/python ]; then
  python3 -m venv .venv
fi
# shellcheck source=/dev/null
source .venv/bin/activate
python -m pip install -q --upgrade pip
python -m pip install -q -e '.[dev]' -c constraints.txt
