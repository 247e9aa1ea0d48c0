# Command lines of ZenML 0.6-0.20 READMEs, setup scripts, Makefiles and CI files, valid and not:
# tests/test_cli_rules_real_zenml.py parses each with the real 0.20.0/0.20.5 CLIs and checks that
# the CLI rules flag exactly the lines 0.20 rejects. One command per line, no shell syntax.
zenml stack register s -m metadata -a default -o default
zenml stack register s --metadata-store metadata -a default -o default
zenml stack register s --metadata_store metadata -a default -o default
zenml stack register s -a default -o default --artifact_store default
zenml stack register s -a default -o default --orchestrator_name default
zenml stack register s -a default -o default --decouple_stores
zenml stack register s -a default -o default
zenml stack register s -a default -o default -x tracker --set
zenml stack register s --artifact-store default --orchestrator default --experiment_tracker mlflow
zenml stack register kf_stack -a s3 -o kubeflow -c ecr -i local_builder
zenml stack update s -e tracker
zenml stack update s -x mlflow_tracker -s sagemaker
zenml stack set s --global
zenml stack set s
zenml stack copy a b --from x --to y
zenml stack copy a b
zenml stack list --json
zenml stack list
zenml stack describe -v
zenml stack describe s
zenml stack delete s -y
zenml stack rename s t
zenml stack up
zenml stack down --force
zenml stack export s s.yaml
zenml pipeline run run.py -c config.yaml
zenml pipeline list
zenml pipeline runs list -p training
zenml pipeline runs list --pipeline training
zenml pipeline runs list --pipeline-id 12
zenml orchestrator up
zenml orchestrator list
zenml orchestrator register kf --flavor kubeflow --kubernetes_context=ctx --synchronous=True
zenml orchestrator register kf --flavor=kubeflow --kubernetes_context ctx
zenml orchestrator register kf -f kubeflow --kubernetes-context=ctx
zenml orchestrator register kf --flavour kubeflow
zenml orchestrator register kf --type kubeflow
zenml orchestrator register kf --flavor kubeflow -i
zenml orchestrator update kf --synchronous=False
zenml orchestrator describe kf
zenml artifact-store register s3 --flavor=s3 --path=s3://b
zenml artifact-store register s3 -f s3 --path s3://b
zenml artifact-store register gcs --flavor=gcp --path=gs://b --authentication_secret=gcp_secret
zenml container-registry register r --flavor=default --uri=localhost:5000
zenml experiment-tracker register mlflow_tracker --flavor=mlflow
zenml experiment-tracker register wandb_tracker --flavor=wandb --entity=me --project_name=p --api_key=$KEY
zenml step-operator register so -f sagemaker --role=x --instance_type=ml.m5.large
zenml model-deployer register mlflow_deployer --flavor=mlflow
zenml model-deployer models list --pipeline p
zenml model-deployer models list
zenml secrets-manager register local_secrets --flavor=local
zenml secrets-manager secret register aws_secret -s aws --aws_access_key_id=$KEY --aws_secret_access_key=$SECRET
zenml secrets-manager secret list
zenml feature-store register fs -f feast --feast_repo=.
zenml alerter register slack --flavor=slack --slack_token=$TOKEN --default_slack_channel_id=C1
zenml profile list
zenml profile create p
zenml profile set p
zenml example run quickstart
zenml example run quickstart --force
zenml example pull quickstart --yes --version 0.20.5
zenml example list
zenml integration install sklearn --yes
zenml integration install sklearn -y
zenml integration install sklearn -f
zenml integration list
zenml integration requirements mlflow
zenml up
zenml up --docker
zenml up --blocking --port 8237
zenml up --detach
zenml down
zenml status
zenml connect --url http://127.0.0.1:8237 --username default --password pw
zenml connect --url http://127.0.0.1:8237 --user default
zenml connect --url http://127.0.0.1:8237 --username default --no-verify-ssl
zenml disconnect
zenml init
zenml init --path .
zenml init --template starter
zenml clean --yes
zenml go
zenml analytics opt-out
zenml project list
zenml project create p
zenml project set p
zenml user list
zenml user create alice --password secret
zenml role list
zenml team create ml --user alice
zenml team create ml
zenml team list
zenml served-models list
zenml metadata-store list
zenml metadata-store register m --flavor=sqlite --uri=/tmp/m.db
zenml server up
zenml config analytics opt-out
zenml --version
zenml -v
zenml artifact-store register scratch --flavor local --root=/tmp/scratch
zenml artifact-store register scratch2 --flavor=local --path=/tmp/scratch
zenml orchestrator register local_orch --flavor local --docker_parent_image=python:3.9
zenml orchestrator register docker_orch --flavor local_docker --custom_docker_base_image_name=me/base:1
zenml orchestrator register kf2 --flavor=kubeflow --kubernetesContext=kind-ctx
zenml orchestrator register kf3 --flavor=kubeflow --kubernetes_context=kind-ctx --custom_docker_base_image_name=me/base:1
zenml orchestrator update kf3 --kubernetes_namespace=ml
zenml orchestrator update kf3 --kubeflow_namespace=ml
zenml orchestrator register af --flavor=airflow --airflow_home=/tmp/airflow
zenml step-operator register vx -f vertex --region=europe-west1 --base_image=me/base:1
zenml step-operator register am -f azureml --docker_base_image=me/base:1
zenml step-operator register sk -f spark-kubernetes --master=k8s://host --uuid=0f0e
zenml container-registry register gh --flavor=github --uri=ghcr.io/me --automatic_token_authentication=True
zenml data-validator register ev --flavor=evidently --profile=full
zenml experiment-tracker register ml2 --flavor=mlflow --tracking_uri=http://mlflow:5000 --trackingToken=t
zenml secrets-manager register gsm --flavor=gcp --project_id=p --scope=global
zenml alerter register teams --flavor=teams --webhook=https://example.com/hook
