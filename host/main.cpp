// statshost: the statistics host (server and admin CLI). All logic lives in host/app.
#include "app/Cli.h"

int main(int argc, char** argv) { return statshost::app::runCli(argc, argv); }
