# Sourced by the private-* scripts: finding a free port on 127.0.0.1. Needs FIRST_PORT and a die function.

port_in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# The first port from FIRST_PORT on (100 tried) that nothing listens on.
free_port() {
  local port
  for ((port = FIRST_PORT; port < FIRST_PORT + 100; port++)); do
    port_in_use "$port" || { echo "$port"; return 0; }
  done
  die "no free port in $FIRST_PORT-$((FIRST_PORT + 99))"
}
