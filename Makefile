# EZ360PM — the two commands a newcomer needs are `make run` and `make test`.
.PHONY: run test bench lint schema build clean help

run: ## Install what is missing, build, migrate, seed the demo, serve on http://127.0.0.1:8080
	@scripts/run.sh

test: ## Lint, build and run every test (unit, web, FastCGI, nginx integration)
	@scripts/test.sh

bench: ## Seed a large firm and measure key pages with wrk (release build)
	@scripts/bench.sh

lint: ## The source lint alone
	@scripts/lint.sh

schema: ## Regenerate Sources/Store/schema.sql after adding a migration
	@swift build --product ez360
	@rm -rf var/schema && "$$(swift build --show-bin-path)/ez360" migrate --data-dir var/schema >/dev/null
	@"$$(swift build --show-bin-path)/ez360" schema --data-dir var/schema > Sources/Store/schema.sql
	@rm -rf var/schema
	@echo "Sources/Store/schema.sql regenerated"

build: ## Debug build
	@swift build

clean: ## Remove build output (keeps var/, your data)
	@rm -rf .build cgi-bin/ez360 cgi-bin/ez360-fcgi

help:
	@grep -E '^[a-z]+:.*## ' Makefile | sed 's/:.*## /\t/'
