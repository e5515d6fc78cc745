# Convenience targets; each is one script in scripts/ (see README.md).
.PHONY: run test bench-ingest bench-forecast bench-api bench-pull

run:
	scripts/run-demo.sh

test:
	scripts/test.sh

bench-ingest:
	scripts/bench-ingest.sh

bench-forecast:
	scripts/bench-forecast.sh

bench-api:
	scripts/bench-api.sh

bench-pull:
	scripts/bench-pull.sh
