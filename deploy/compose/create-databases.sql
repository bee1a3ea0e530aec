-- One database per service (each service's Flyway creates its own schema inside).
CREATE DATABASE snapshot_policy;
CREATE DATABASE snapshot_run;
CREATE DATABASE snapshot_audit;
