FROM mcr.microsoft.com/azureml/minimal-py312-inference:latest
COPY reqs.txt /r.txt
RUN pip install -r /r.txt
