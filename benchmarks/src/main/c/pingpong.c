/*
 * The floor of comparison 1: a length-prefixed ping-pong over loopback TCP with TCP_NODELAY.
 *   pingpong server            listens on an ephemeral port, prints it, echoes every frame
 *   pingpong client PORT N SIZE  sends N frames of SIZE bytes one at a time and prints each
 *                                round trip in nanoseconds, one a line
 */
#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

static int full(int fd, void *buf, size_t n, int reading) {
  char *p = buf;
  while (n > 0) {
    ssize_t r = reading ? read(fd, p, n) : write(fd, p, n);
    if (r <= 0) return -1;
    p += r;
    n -= (size_t)r;
  }
  return 0;
}

static void nodelay(int fd) {
  int one = 1;
  setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
}

static int serve(void) {
  int ls = socket(AF_INET, SOCK_STREAM, 0);
  struct sockaddr_in a = {0};
  a.sin_family = AF_INET;
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (bind(ls, (struct sockaddr *)&a, sizeof a) || listen(ls, 8)) return perror("bind"), 1;
  socklen_t len = sizeof a;
  getsockname(ls, (struct sockaddr *)&a, &len);
  printf("%d\n", ntohs(a.sin_port));
  fflush(stdout);
  char *buf = malloc(1 << 20);
  for (;;) {
    int fd = accept(ls, NULL, NULL);
    if (fd < 0) return 1;
    nodelay(fd);
    uint32_t n;
    while (full(fd, &n, 4, 1) == 0) {
      uint32_t size = ntohl(n);
      if (size > (1 << 20) || full(fd, buf, size, 1) || full(fd, &n, 4, 0) || full(fd, buf, size, 0)) break;
    }
    close(fd);
  }
}

static int client(int port, long count, uint32_t size) {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  struct sockaddr_in a = {0};
  a.sin_family = AF_INET;
  a.sin_port = htons((uint16_t)port);
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (connect(fd, (struct sockaddr *)&a, sizeof a)) return perror("connect"), 1;
  nodelay(fd);
  char *buf = calloc(1, size + 4);
  uint32_t n = htonl(size);
  memcpy(buf, &n, 4);
  for (long i = 0; i < count; i++) {
    struct timespec t0, t1;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    /* One write for the frame, as a Netty or gRPC peer would flush it. */
    if (full(fd, buf, size + 4, 0) || full(fd, buf, 4, 1) || full(fd, buf + 4, size, 1)) return 1;
    clock_gettime(CLOCK_MONOTONIC, &t1);
    printf("%ld\n", (t1.tv_sec - t0.tv_sec) * 1000000000L + (t1.tv_nsec - t0.tv_nsec));
  }
  close(fd);
  return 0;
}

int main(int argc, char **argv) {
  if (argc == 2 && strcmp(argv[1], "server") == 0) return serve();
  if (argc == 5 && strcmp(argv[1], "client") == 0) return client(atoi(argv[2]), atol(argv[3]), (uint32_t)atoi(argv[4]));
  fprintf(stderr, "usage: pingpong server | pingpong client PORT N SIZE\n");
  return 2;
}
