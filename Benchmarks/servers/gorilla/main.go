// A benchmark server that is not ours: gorilla/websocket (Debian's golang-github-gorilla-websocket-dev), serving
// the routes the workloads use on wsinspect serve (/echo, /flood, /sink), with the same query parameters, so every
// client can be measured against a second server's write pattern. Prints "listening on ws://127.0.0.1:PORT".
//
// Built offline against the Debian GOPATH: GOPATH=/usr/share/gocode GO111MODULE=off go build (Benchmarks/run.sh).
package main

import (
	"flag"
	"fmt"
	"net"
	"net/http"
	"os"
	"strconv"

	"github.com/gorilla/websocket"
)

// Compression stays off: the plain workloads ask for deflate=0, and the deflate rows are run on our server only.
var upgrader = websocket.Upgrader{ReadBufferSize: 64 << 10, WriteBufferSize: 64 << 10}

func main() {
	host := flag.String("host", "127.0.0.1", "address to listen on (loopback only)")
	port := flag.Int("port", 0, "port, 0 for any free one")
	flag.Parse()
	listener, err := net.Listen("tcp", net.JoinHostPort(*host, strconv.Itoa(*port)))
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	fmt.Printf("listening on ws://%s\n", listener.Addr())
	os.Stdout.Sync()
	mux := http.NewServeMux()
	mux.HandleFunc("/echo", echo)
	mux.HandleFunc("/flood", flood)
	mux.HandleFunc("/sink", sink)
	fmt.Fprintln(os.Stderr, http.Serve(listener, mux))
}

// integer reads a non-negative query parameter, or fallback when it is absent.
func integer(r *http.Request, name string, fallback int) (int, error) {
	text := r.URL.Query().Get(name)
	if text == "" {
		return fallback, nil
	}
	value, err := strconv.Atoi(text)
	if err != nil || value < 0 {
		return 0, fmt.Errorf("%s=%q is not a count", name, text)
	}
	return value, nil
}

func upgrade(w http.ResponseWriter, r *http.Request) *websocket.Conn {
	conn, err := upgrader.Upgrade(w, r, nil)
	if err != nil {
		return nil
	}
	return conn
}

// echo sends every message back with its type, whole, as most servers do.
func echo(w http.ResponseWriter, r *http.Request) {
	conn := upgrade(w, r)
	if conn == nil {
		return
	}
	defer conn.Close()
	conn.SetReadLimit(64 << 20)
	for {
		kind, data, err := conn.ReadMessage()
		if err != nil {
			return
		}
		if conn.WriteMessage(kind, data) != nil {
			return
		}
	}
}

// sink swallows messages and answers the count-th with its decimal count.
func sink(w http.ResponseWriter, r *http.Request) {
	count, err := integer(r, "count", 1)
	if err != nil || count == 0 {
		http.Error(w, "bad count", http.StatusBadRequest)
		return
	}
	conn := upgrade(w, r)
	if conn == nil {
		return
	}
	defer conn.Close()
	for received := 1; ; received++ {
		if _, _, err := conn.ReadMessage(); err != nil {
			return
		}
		if received == count && conn.WriteMessage(websocket.TextMessage, []byte(strconv.Itoa(count))) != nil {
			return
		}
	}
}
