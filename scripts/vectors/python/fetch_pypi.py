#!/usr/bin/env python3
"""Fetch release data of popular and old PyPI projects for the conformance vectors.

Rerun:  python3 fetch_pypi.py /tmp/pypi-cache.json
Writes {"releases": {project: {version_string: [filename, ...]}}, "requires_dist": {project:
[requirement, ...]}} from https://pypi.org/pypi/NAME/json: the keys of "releases" exactly as
PyPI spells them, the file names of each release, and info.requires_dist of the latest release.
Only the standard library is used. Network access to pypi.org is needed.
"""

import json
import sys
import time
import urllib.error
import urllib.request

# Popular projects, ML stacks, and old projects with unusual version strings.
PROJECTS = """
numpy pandas scipy torch tensorflow django requests setuptools pip boto3 botocore
urllib3 six certifi idna charset-normalizer python-dateutil pyyaml typing-extensions
s3transfer packaging wheel cryptography cffi pycparser jmespath pyasn1 rsa attrs
protobuf google-api-core grpcio markupsafe jinja2 click flask werkzeug itsdangerous
sqlalchemy psycopg2 psycopg2-binary pillow matplotlib scikit-learn joblib threadpoolctl
pytz tzdata pyarrow fsspec aiohttp yarl multidict frozenlist pydantic pydantic-core
fastapi starlette uvicorn h11 anyio httpx tqdm filelock huggingface-hub transformers
tokenizers safetensors regex sympy networkx keras tensorboard absl-py h5py wrapt
flatbuffers ml-dtypes jax jaxlib onnx onnxruntime opencv-python numba llvmlite cython
pybind11 pytest pluggy coverage tox virtualenv platformdirs black isort flake8 mypy
pylint tomli docutils sphinx pygments babel lxml beautifulsoup4 html5lib nltk spacy
gensim xgboost lightgbm catboost statsmodels seaborn plotly bokeh ipython notebook
jupyterlab ipykernel tornado pyzmq azure-core azure-storage-blob azure-identity
azureml-core azure-ai-ml mlflow msal msrest adal google-cloud-storage google-auth
redis celery kombu pymongo paramiko pynacl bcrypt psutil gevent greenlet twisted
zope-interface pyopenssl pyparsing decorator simplejson ujson orjson colorama rich
mock nose distribute zc-buildout pywin32 ansible salt scrapy gunicorn setuptools-scm
pbr mxnet theano pyspark dask distributed xarray netcdf4 shapely gdal fiona pyproj
torchvision torchaudio pytorch-lightning accelerate datasets openai langchain
sentencepiece deepspeed apache-beam pyodbc mysqlclient pymysql cx-oracle docker
kubernetes awscli pycrypto pycryptodome m2crypto pyinstaller cx-freeze wxpython pyqt5
pygame kivy pyside2 pycurl zope-component plone trac web-py cherrypy pyramid bottle
python-ldap pysqlite genshi formencode paste routes mako zodb3 pyxml pil mysql-python
egenix-mx-base python-openid pyasn1-modules 4suite-xml pyobjc ply pylons turbogears
""".split()


def fetch(name: str) -> tuple[dict[str, list[str]], list[str]] | None:
    url = f"https://pypi.org/pypi/{name}/json"
    for attempt in range(4):
        try:
            with urllib.request.urlopen(url, timeout=60) as response:
                data = json.load(response)
            releases = {
                version: [f["filename"] for f in files]
                for version, files in data.get("releases", {}).items()
            }
            return releases, data.get("info", {}).get("requires_dist") or []
        except urllib.error.HTTPError as error:
            if error.code == 404:
                return None
        except Exception as error:  # noqa: BLE001 - retry any transport failure
            print(f"{name}: {error}", file=sys.stderr)
        time.sleep(2 * (attempt + 1))
    return None


def main() -> None:
    out_path = sys.argv[1] if len(sys.argv) > 1 else "/tmp/pypi-cache.json"
    result: dict[str, dict] = {"releases": {}, "requires_dist": {}}
    for name in dict.fromkeys(PROJECTS):
        fetched = fetch(name)
        if fetched is None:
            print(f"{name}: not found", file=sys.stderr)
            continue
        result["releases"][name], result["requires_dist"][name] = fetched
        print(f"{name}: {len(fetched[0])} releases", file=sys.stderr)
    with open(out_path, "w") as f:
        json.dump(result, f, sort_keys=True)


if __name__ == "__main__":
    main()
