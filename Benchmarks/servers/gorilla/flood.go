package main

import (
	"encoding/binary"
	"net/http"
	"time"

	"github.com/gorilla/websocket"
)

// floodBatch is how many bytes of pre-encoded frames go to the socket per write.
const floodBatch = 64 << 10

// frame encodes one unmasked server frame (FIN set) with the given opcode and payload.
func frame(opcode byte, payload []byte) []byte {
	header := []byte{0x80 | opcode}
	switch n := len(payload); {
	case n < 126:
		header = append(header, byte(n))
	case n < 1<<16:
		header = append(header, 126, 0, 0)
		binary.BigEndian.PutUint16(header[2:], uint16(n))
	default:
		header = append(header, 127, 0, 0, 0, 0, 0, 0, 0, 0)
		binary.BigEndian.PutUint64(header[2:], uint64(n))
	}
	return append(header, payload...)
}

// flood sends count messages of size bytes (the text or binary pattern of wsinspect serve's /flood), encoded once
// and written in batches straight to the connection, as a server tuned for fan-out does; a reader goroutine
// answers the client's Close.
func flood(w http.ResponseWriter, r *http.Request) {
	count, err := integer(r, "count", 1)
	if err != nil {
		http.Error(w, err.Error(), http.StatusBadRequest)
		return
	}
	size, err := integer(r, "size", 16)
	if err != nil || size > 128<<20 {
		http.Error(w, "bad size", http.StatusBadRequest)
		return
	}
	binaryType := r.URL.Query().Get("type") == "binary"
	conn := upgrade(w, r)
	if conn == nil {
		return
	}
	defer conn.Close()
	payload := make([]byte, size)
	opcode := byte(websocket.TextMessage)
	for i := range payload {
		if binaryType {
			payload[i] = byte(i)
		} else {
			payload[i] = byte(0x20 + i%95)
		}
	}
	if binaryType {
		opcode = websocket.BinaryMessage
	}
	one := frame(opcode, payload)
	perBatch := floodBatch / len(one)
	if perBatch < 1 {
		perBatch = 1
	}
	batch := make([]byte, 0, perBatch*len(one))
	for i := 0; i < perBatch; i++ {
		batch = append(batch, one...)
	}
	closed := make(chan struct{})
	go func() {
		defer close(closed)
		for {
			if _, _, err := conn.NextReader(); err != nil {
				return
			}
		}
	}()
	socket := conn.UnderlyingConn()
	for remaining := count; remaining > 0; {
		frames := perBatch
		if remaining < frames {
			frames = remaining
		}
		if _, err := socket.Write(batch[:frames*len(one)]); err != nil {
			return
		}
		remaining -= frames
	}
	if r.URL.Query().Get("close") == "1" {
		message := websocket.FormatCloseMessage(websocket.CloseNormalClosure, "flood done")
		conn.WriteControl(websocket.CloseMessage, message, time.Now().Add(time.Second))
	}
	// Keep the connection until the client closes it, as wsinspect serve does.
	<-closed
}
