-- A fresh ZenML 0.20.5 store (zenml tables only, no MLMD tables), dumped from the zenml.db
-- that `zenml stack list` of the real 0.20.5 created: default user, project, stack.
-- Unit tests build stores from it; tests/profiles/test_real_020.py checks the real schema.
CREATE TABLE artifactschema (
	id CHAR(32) NOT NULL, 
	name VARCHAR NOT NULL, 
	parent_step_id CHAR(32) NOT NULL, 
	producer_step_id CHAR(32) NOT NULL, 
	type VARCHAR NOT NULL, 
	uri VARCHAR NOT NULL, 
	materializer VARCHAR NOT NULL, 
	data_type VARCHAR NOT NULL, 
	is_cached BOOLEAN NOT NULL, 
	mlmd_id INTEGER, 
	mlmd_parent_step_id INTEGER, 
	mlmd_producer_step_id INTEGER, 
	created DATETIME NOT NULL, 
	updated DATETIME NOT NULL, 
	PRIMARY KEY (id), 
	FOREIGN KEY(parent_step_id) REFERENCES steprunschema (id), 
	FOREIGN KEY(producer_step_id) REFERENCES steprunschema (id)
);
CREATE TABLE flavorschema (
	project_id CHAR(32), 
	user_id CHAR(32), 
	id CHAR(32) NOT NULL, 
	type VARCHAR NOT NULL, 
	source VARCHAR NOT NULL, 
	name VARCHAR NOT NULL, 
	integration VARCHAR, 
	config_schema VARCHAR NOT NULL, 
	created DATETIME NOT NULL, 
	updated DATETIME NOT NULL, 
	PRIMARY KEY (id), 
	FOREIGN KEY(project_id) REFERENCES projectschema (id) ON DELETE CASCADE, 
	FOREIGN KEY(user_id) REFERENCES userschema (id) ON DELETE SET NULL
);
CREATE TABLE pipelinerunschema (
	project_id CHAR(32), 
	user_id CHAR(32), 
	stack_id CHAR(32), 
	pipeline_id CHAR(32), 
	id CHAR(32) NOT NULL, 
	name VARCHAR NOT NULL, 
	pipeline_configuration VARCHAR(4096) NOT NULL, 
	num_steps INTEGER NOT NULL, 
	zenml_version VARCHAR NOT NULL, 
	git_sha VARCHAR, 
	created DATETIME NOT NULL, 
	updated DATETIME NOT NULL, 
	mlmd_id INTEGER, 
	PRIMARY KEY (id), 
	FOREIGN KEY(project_id) REFERENCES projectschema (id) ON DELETE CASCADE, 
	FOREIGN KEY(user_id) REFERENCES userschema (id) ON DELETE CASCADE, 
	FOREIGN KEY(stack_id) REFERENCES stackschema (id) ON DELETE SET NULL, 
	FOREIGN KEY(pipeline_id) REFERENCES pipelineschema (id) ON DELETE SET NULL
);
CREATE TABLE pipelineschema (
	project_id CHAR(32), 
	user_id CHAR(32), 
	id CHAR(32) NOT NULL, 
	name VARCHAR NOT NULL, 
	docstring VARCHAR(4096), 
	spec VARCHAR(4096) NOT NULL, 
	created DATETIME NOT NULL, 
	updated DATETIME NOT NULL, 
	PRIMARY KEY (id), 
	FOREIGN KEY(project_id) REFERENCES projectschema (id) ON DELETE CASCADE, 
	FOREIGN KEY(user_id) REFERENCES userschema (id) ON DELETE SET NULL
);
CREATE TABLE projectschema (
	id CHAR(32) NOT NULL, 
	name VARCHAR NOT NULL, 
	description VARCHAR NOT NULL, 
	created DATETIME NOT NULL, 
	updated DATETIME NOT NULL, 
	PRIMARY KEY (id)
);
INSERT INTO "projectschema" VALUES('42dd4910f169410e931f97564f881108','default','','2026-11-26 06:54:03.462763','2026-11-26 06:54:03.462770');
CREATE TABLE roleschema (
	id CHAR(32) NOT NULL, 
	name VARCHAR NOT NULL, 
	created DATETIME NOT NULL, 
	updated DATETIME NOT NULL, 
	PRIMARY KEY (id)
);
CREATE TABLE stackcomponentschema (
	project_id CHAR(32), 
	user_id CHAR(32), 
	id CHAR(32) NOT NULL, 
	name VARCHAR NOT NULL, 
	is_shared BOOLEAN NOT NULL, 
	type VARCHAR NOT NULL, 
	flavor VARCHAR NOT NULL, 
	configuration BLOB NOT NULL, 
	created DATETIME NOT NULL, 
	updated DATETIME NOT NULL, 
	PRIMARY KEY (id), 
	FOREIGN KEY(project_id) REFERENCES projectschema (id) ON DELETE CASCADE, 
	FOREIGN KEY(user_id) REFERENCES userschema (id) ON DELETE SET NULL
);
INSERT INTO "stackcomponentschema" VALUES('42dd4910f169410e931f97564f881108','da06e29274ea482d9ca581272a6036f7','38aed50296274ba5ad20a79af1bc0604','default',0,'orchestrator','local',X'6533303D','2026-11-26 06:54:04.232397','2026-11-26 06:54:04.232403');
INSERT INTO "stackcomponentschema" VALUES('42dd4910f169410e931f97564f881108','da06e29274ea482d9ca581272a6036f7','cde906e433524267bf51fff4fa27d0fc','default',0,'artifact_store','local',X'6533303D','2026-11-26 06:54:04.319263','2026-11-26 06:54:04.319268');
CREATE TABLE stackcompositionschema (
	stack_id CHAR(32) NOT NULL, 
	component_id CHAR(32) NOT NULL, 
	PRIMARY KEY (stack_id, component_id), 
	FOREIGN KEY(stack_id) REFERENCES stackschema (id), 
	FOREIGN KEY(component_id) REFERENCES stackcomponentschema (id)
);
INSERT INTO "stackcompositionschema" VALUES('7f16294764be4eefb3b3649ea0474d09','38aed50296274ba5ad20a79af1bc0604');
INSERT INTO "stackcompositionschema" VALUES('7f16294764be4eefb3b3649ea0474d09','cde906e433524267bf51fff4fa27d0fc');
CREATE TABLE stackschema (
	project_id CHAR(32), 
	user_id CHAR(32), 
	id CHAR(32) NOT NULL, 
	created DATETIME NOT NULL, 
	updated DATETIME NOT NULL, 
	name VARCHAR NOT NULL, 
	is_shared BOOLEAN NOT NULL, 
	PRIMARY KEY (id), 
	FOREIGN KEY(project_id) REFERENCES projectschema (id) ON DELETE CASCADE, 
	FOREIGN KEY(user_id) REFERENCES userschema (id) ON DELETE SET NULL
);
INSERT INTO "stackschema" VALUES('42dd4910f169410e931f97564f881108','da06e29274ea482d9ca581272a6036f7','7f16294764be4eefb3b3649ea0474d09','2026-11-26 06:54:04.404448','2026-11-26 06:54:04.404454','default',0);
CREATE TABLE stepinputartifactschema (
	step_id CHAR(32) NOT NULL, 
	artifact_id CHAR(32) NOT NULL, 
	name VARCHAR NOT NULL, 
	PRIMARY KEY (step_id, artifact_id), 
	FOREIGN KEY(step_id) REFERENCES steprunschema (id), 
	FOREIGN KEY(artifact_id) REFERENCES artifactschema (id)
);
CREATE TABLE steprunorderschema (
	parent_id CHAR(32) NOT NULL, 
	child_id CHAR(32) NOT NULL, 
	PRIMARY KEY (parent_id, child_id), 
	FOREIGN KEY(parent_id) REFERENCES steprunschema (id), 
	FOREIGN KEY(child_id) REFERENCES steprunschema (id)
);
CREATE TABLE steprunschema (
	id CHAR(32) NOT NULL, 
	name VARCHAR NOT NULL, 
	pipeline_run_id CHAR(32) NOT NULL, 
	entrypoint_name VARCHAR NOT NULL, 
	parameters VARCHAR(4096) NOT NULL, 
	step_configuration VARCHAR(4096) NOT NULL, 
	docstring VARCHAR(4096), 
	mlmd_id INTEGER, 
	created DATETIME NOT NULL, 
	updated DATETIME NOT NULL, 
	PRIMARY KEY (id), 
	FOREIGN KEY(pipeline_run_id) REFERENCES pipelinerunschema (id)
);
CREATE TABLE teamassignmentschema (
	user_id CHAR(32) NOT NULL, 
	team_id CHAR(32) NOT NULL, 
	PRIMARY KEY (user_id, team_id), 
	FOREIGN KEY(user_id) REFERENCES userschema (id), 
	FOREIGN KEY(team_id) REFERENCES teamschema (id)
);
CREATE TABLE teamroleassignmentschema (
	id CHAR(32) NOT NULL, 
	role_id CHAR(32) NOT NULL, 
	team_id CHAR(32) NOT NULL, 
	project_id CHAR(32), 
	created DATETIME NOT NULL, 
	updated DATETIME NOT NULL, 
	PRIMARY KEY (id), 
	FOREIGN KEY(role_id) REFERENCES roleschema (id), 
	FOREIGN KEY(team_id) REFERENCES teamschema (id), 
	FOREIGN KEY(project_id) REFERENCES projectschema (id)
);
CREATE TABLE teamschema (
	id CHAR(32) NOT NULL, 
	name VARCHAR NOT NULL, 
	created DATETIME NOT NULL, 
	updated DATETIME NOT NULL, 
	PRIMARY KEY (id)
);
CREATE TABLE userroleassignmentschema (
	id CHAR(32) NOT NULL, 
	role_id CHAR(32) NOT NULL, 
	user_id CHAR(32) NOT NULL, 
	project_id CHAR(32), 
	created DATETIME NOT NULL, 
	updated DATETIME NOT NULL, 
	PRIMARY KEY (id), 
	FOREIGN KEY(role_id) REFERENCES roleschema (id), 
	FOREIGN KEY(user_id) REFERENCES userschema (id), 
	FOREIGN KEY(project_id) REFERENCES projectschema (id)
);
CREATE TABLE userschema (
	id CHAR(32) NOT NULL, 
	name VARCHAR NOT NULL, 
	full_name VARCHAR NOT NULL, 
	email VARCHAR, 
	active BOOLEAN NOT NULL, 
	password VARCHAR, 
	activation_token VARCHAR, 
	created DATETIME NOT NULL, 
	updated DATETIME NOT NULL, 
	email_opted_in BOOLEAN, 
	PRIMARY KEY (id)
);
INSERT INTO "userschema" VALUES('da06e29274ea482d9ca581272a6036f7','default','',NULL,1,'$2b$12$/Ot0BUAfPy9K7qIeUvkRc.c1e1HSsGAGlL4ZcZmdidE0LSK/4FHpK',NULL,'2026-11-26 06:54:04.138190','2026-11-26 06:54:04.138196',NULL);
