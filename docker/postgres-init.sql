-- One database per service; each service's Flyway migrations create its schema.
CREATE DATABASE identity;
CREATE DATABASE cluster;
CREATE DATABASE jobs;
