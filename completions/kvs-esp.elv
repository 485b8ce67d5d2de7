
use builtin;
use str;

set edit:completion:arg-completer[kvs-esp] = {|@words|
    fn spaces {|n|
        builtin:repeat $n ' ' | str:join ''
    }
    fn cand {|text desc|
        edit:complex-candidate $text &display=$text' '(spaces (- 14 (wcswidth $text)))$desc
    }
    var command = 'kvs-esp'
    for word $words[1..-1] {
        if (str:has-prefix $word '-') {
            break
        }
        set command = $command';'$word
    }
    var completions = [
        &'kvs-esp'= {
            cand --region 'AWS region (default: from AWS_REGION, AWS_DEFAULT_REGION or the profile)'
            cand --profile 'Named profile from ~/.aws/config and ~/.aws/credentials'
            cand --endpoint-url 'Control-plane endpoint, e.g. the emulator''s http://127.0.0.1:8480 [default: AWS_ENDPOINT_URL_KINESIS_VIDEO, then AWS_ENDPOINT_URL, then https://kinesisvideo.<region>.amazonaws.com]'
            cand --ca-file 'A PEM file of extra CA certificates to trust, e.g. the emulator''s ca.pem (also AWS_CA_BUNDLE)'
            cand -o 'Output format: text for people, json for scripts (one JSON document per command)'
            cand --output 'Output format: text for people, json for scripts (one JSON document per command)'
            cand -v 'Print more: -v shows every API call as an event line, -vv adds debug detail'
            cand --verbose 'Print more: -v shows every API call as an event line, -vv adds debug detail'
            cand -q 'Print only results and errors, no warnings or notes'
            cand --quiet 'Print only results and errors, no warnings or notes'
            cand --no-color 'Never colour the output (also NO_COLOR)'
            cand --no-cache 'Skip the endpoint cache: always call DescribeSignalingChannel and GetSignalingChannelEndpoint'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
            cand channel 'Create, describe, list and delete signaling channels (the control plane)'
            cand stream 'Create, describe, list and delete Kinesis video streams: what a channel''s media is recorded into once `kvs-esp channel storage enable` names one (WebRTC ingestion)'
            cand endpoint 'Look up a channel''s signaling endpoints (GetSignalingChannelEndpoint)'
            cand ice-config 'Fetch TURN servers and credentials (GetIceServerConfig, on the channel''s HTTPS endpoint)'
            cand signal 'Run a WebSocket signaling session as master or viewer (messages in and out as JSON lines)'
            cand webrtc 'Run a real WebRTC peer over signaling (ICE, TURN, DTLS, data channel, RTP) and report, layer by layer, whether media flows and where it stops'
            cand turn-tls 'Probe TURN over TLS as an ESP32 with its certificate bundle would use it'
            cand doctor 'Run every check a KVS WebRTC connection depends on, in order, with one verdict each: credentials, region, DNS/TCP/TLS to the control plane, clock, the channel''s API calls, the WebSocket, TURN over TLS'
            cand flash 'Build the companion firmware for a board and flash it over the serial port (espflash''s stub loader, compressed, MD5-verified); --monitor then shows the device''s log and answers its provisioning prompt'
            cand monitor 'Show an ESP32''s serial log: lines classified (ROM banner, ESP-IDF log, kvs events, panics), every code address symbolized from --elf and RISC-V stack dumps unwound into a backtrace; --output json streams one JSON object per line'
            cand diagnose 'Watch a device and the host signal on one channel: provision the device as master over its serial port, send it an offer from a host WebRTC viewer, and show both sides on one timeline with each phase''s duration and a verdict that names the first failing phase and its likely cause. The companion firmware checks its own network paths once CONNECTED (STUN, TURN over UDP, TCP and TLS with its bundle) and answers with a diagnostic answer that carries its ICE-lite candidates, which the host checks; a device that answers with media (a KVS C SDK master; --no-provision when it runs its own firmware) has its media path checked instead: ICE, DTLS, the data channel, the first frames and keyframe'
            cand virtual-device 'Run a virtual ESP32 on a pseudo-terminal: the companion firmware''s console (boot log, provisioning prompt, event lines, path checks, diagnostic SDP answers with its ICE-lite agent) with the core''s machines run by the host, against AWS or the emulator; or a board with a real WebRTC master (--answer media). `monitor` and `diagnose` work with it as with a board'
            cand cache 'Show or clear the endpoint cache'
            cand completions 'Print a shell completion script, e.g. `kvs-esp completions bash > /etc/bash_completion.d/kvs-esp`'
            cand emulator 'Run a local KVS on loopback: control plane, signaling API, SigV4 verification, TURN REST credentials, and WebRTC ingestion''s storage sessions (recorded under --state-dir); `emulator stats` asks a running one what it has served and recorded'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'kvs-esp;channel'= {
            cand --region 'AWS region (default: from AWS_REGION, AWS_DEFAULT_REGION or the profile)'
            cand --profile 'Named profile from ~/.aws/config and ~/.aws/credentials'
            cand --endpoint-url 'Control-plane endpoint, e.g. the emulator''s http://127.0.0.1:8480 [default: AWS_ENDPOINT_URL_KINESIS_VIDEO, then AWS_ENDPOINT_URL, then https://kinesisvideo.<region>.amazonaws.com]'
            cand --ca-file 'A PEM file of extra CA certificates to trust, e.g. the emulator''s ca.pem (also AWS_CA_BUNDLE)'
            cand -o 'Output format: text for people, json for scripts (one JSON document per command)'
            cand --output 'Output format: text for people, json for scripts (one JSON document per command)'
            cand -v 'Print more: -v shows every API call as an event line, -vv adds debug detail'
            cand --verbose 'Print more: -v shows every API call as an event line, -vv adds debug detail'
            cand -q 'Print only results and errors, no warnings or notes'
            cand --quiet 'Print only results and errors, no warnings or notes'
            cand --no-color 'Never colour the output (also NO_COLOR)'
            cand --no-cache 'Skip the endpoint cache: always call DescribeSignalingChannel and GetSignalingChannelEndpoint'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
            cand create 'Create a signaling channel (CreateSignalingChannel)'
            cand describe 'Show a channel''s ARN, status, version and message TTL (DescribeSignalingChannel)'
            cand delete 'Delete a channel (DescribeSignalingChannel for the current version, then DeleteSignalingChannel)'
            cand list 'List channels, following every page (ListSignalingChannels)'
            cand storage 'Record the channel''s media into a Kinesis video stream, stop, or show where it goes (the channel''s media storage configuration). A recording channel''s master joins the storage session with JoinStorageSession and sends it H.264 video and Opus audio'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'kvs-esp;channel;create'= {
            cand --type 'Channel type'
            cand --message-ttl 'Seconds an undelivered message waits for its recipient (5–120)'
            cand --tag 'A tag KEY=VALUE; repeat for more (at most 50)'
            cand --region 'AWS region (default: from AWS_REGION, AWS_DEFAULT_REGION or the profile)'
            cand --profile 'Named profile from ~/.aws/config and ~/.aws/credentials'
            cand --endpoint-url 'Control-plane endpoint, e.g. the emulator''s http://127.0.0.1:8480 [default: AWS_ENDPOINT_URL_KINESIS_VIDEO, then AWS_ENDPOINT_URL, then https://kinesisvideo.<region>.amazonaws.com]'
            cand --ca-file 'A PEM file of extra CA certificates to trust, e.g. the emulator''s ca.pem (also AWS_CA_BUNDLE)'
            cand -o 'Output format: text for people, json for scripts (one JSON document per command)'
            cand --output 'Output format: text for people, json for scripts (one JSON document per command)'
            cand -v 'Print more: -v shows every API call as an event line, -vv adds debug detail'
            cand --verbose 'Print more: -v shows every API call as an event line, -vv adds debug detail'
            cand -q 'Print only results and errors, no warnings or notes'
            cand --quiet 'Print only results and errors, no warnings or notes'
            cand --no-color 'Never colour the output (also NO_COLOR)'
            cand --no-cache 'Skip the endpoint cache: always call DescribeSignalingChannel and GetSignalingChannelEndpoint'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'kvs-esp;channel;describe'= {
            cand --region 'AWS region (default: from AWS_REGION, AWS_DEFAULT_REGION or the profile)'
            cand --profile 'Named profile from ~/.aws/config and ~/.aws/credentials'
            cand --endpoint-url 'Control-plane endpoint, e.g. the emulator''s http://127.0.0.1:8480 [default: AWS_ENDPOINT_URL_KINESIS_VIDEO, then AWS_ENDPOINT_URL, then https://kinesisvideo.<region>.amazonaws.com]'
            cand --ca-file 'A PEM file of extra CA certificates to trust, e.g. the emulator''s ca.pem (also AWS_CA_BUNDLE)'
            cand -o 'Output format: text for people, json for scripts (one JSON document per command)'
            cand --output 'Output format: text for people, json for scripts (one JSON document per command)'
            cand -v 'Print more: -v shows every API call as an event line, -vv adds debug detail'
            cand --verbose 'Print more: -v shows every API call as an event line, -vv adds debug detail'
            cand -q 'Print only results and errors, no warnings or notes'
            cand --quiet 'Print only results and errors, no warnings or notes'
            cand --no-color 'Never colour the output (also NO_COLOR)'
            cand --no-cache 'Skip the endpoint cache: always call DescribeSignalingChannel and GetSignalingChannelEndpoint'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'kvs-esp;channel;delete'= {
            cand --region 'AWS region (default: from AWS_REGION, AWS_DEFAULT_REGION or the profile)'
            cand --profile 'Named profile from ~/.aws/config and ~/.aws/credentials'
            cand --endpoint-url 'Control-plane endpoint, e.g. the emulator''s http://127.0.0.1:8480 [default: AWS_ENDPOINT_URL_KINESIS_VIDEO, then AWS_ENDPOINT_URL, then https://kinesisvideo.<region>.amazonaws.com]'
            cand --ca-file 'A PEM file of extra CA certificates to trust, e.g. the emulator''s ca.pem (also AWS_CA_BUNDLE)'
            cand -o 'Output format: text for people, json for scripts (one JSON document per command)'
            cand --output 'Output format: text for people, json for scripts (one JSON document per command)'
            cand -v 'Print more: -v shows every API call as an event line, -vv adds debug detail'
            cand --verbose 'Print more: -v shows every API call as an event line, -vv adds debug detail'
            cand -q 'Print only results and errors, no warnings or notes'
            cand --quiet 'Print only results and errors, no warnings or notes'
            cand --no-color 'Never colour the output (also NO_COLOR)'
            cand --no-cache 'Skip the endpoint cache: always call DescribeSignalingChannel and GetSignalingChannelEndpoint'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'kvs-esp;channel;list'= {
            cand --prefix 'Only channels whose name begins with this'
            cand --page-size 'Channels asked for per ListSignalingChannels call (1–10000)'
            cand --region 'AWS region (default: from AWS_REGION, AWS_DEFAULT_REGION or the profile)'
            cand --profile 'Named profile from ~/.aws/config and ~/.aws/credentials'
            cand --endpoint-url 'Control-plane endpoint, e.g. the emulator''s http://127.0.0.1:8480 [default: AWS_ENDPOINT_URL_KINESIS_VIDEO, then AWS_ENDPOINT_URL, then https://kinesisvideo.<region>.amazonaws.com]'
            cand --ca-file 'A PEM file of extra CA certificates to trust, e.g. the emulator''s ca.pem (also AWS_CA_BUNDLE)'
            cand -o 'Output format: text for people, json for scripts (one JSON document per command)'
            cand --output 'Output format: text for people, json for scripts (one JSON document per command)'
            cand -v 'Print more: -v shows every API call as an event line, -vv adds debug detail'
            cand --verbose 'Print more: -v shows every API call as an event line, -vv adds debug detail'
            cand -q 'Print only results and errors, no warnings or notes'
            cand --quiet 'Print only results and errors, no warnings or notes'
            cand --no-color 'Never colour the output (also NO_COLOR)'
            cand --no-cache 'Skip the endpoint cache: always call DescribeSignalingChannel and GetSignalingChannelEndpoint'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'kvs-esp;channel;storage'= {
            cand --region 'AWS region (default: from AWS_REGION, AWS_DEFAULT_REGION or the profile)'
            cand --profile 'Named profile from ~/.aws/config and ~/.aws/credentials'
            cand --endpoint-url 'Control-plane endpoint, e.g. the emulator''s http://127.0.0.1:8480 [default: AWS_ENDPOINT_URL_KINESIS_VIDEO, then AWS_ENDPOINT_URL, then https://kinesisvideo.<region>.amazonaws.com]'
            cand --ca-file 'A PEM file of extra CA certificates to trust, e.g. the emulator''s ca.pem (also AWS_CA_BUNDLE)'
            cand -o 'Output format: text for people, json for scripts (one JSON document per command)'
            cand --output 'Output format: text for people, json for scripts (one JSON document per command)'
            cand -v 'Print more: -v shows every API call as an event line, -vv adds debug detail'
            cand --verbose 'Print more: -v shows every API call as an event line, -vv adds debug detail'
            cand -q 'Print only results and errors, no warnings or notes'
            cand --quiet 'Print only results and errors, no warnings or notes'
            cand --no-color 'Never colour the output (also NO_COLOR)'
            cand --no-cache 'Skip the endpoint cache: always call DescribeSignalingChannel and GetSignalingChannelEndpoint'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
            cand enable 'Record the channel''s media into a stream (UpdateMediaStorageConfiguration, Status ENABLED). The stream must keep data (a retention above 0) and record no other channel'
            cand disable 'Stop recording the channel''s media (UpdateMediaStorageConfiguration, Status DISABLED)'
            cand describe 'Show whether the channel''s media is recorded, and into which stream (DescribeMediaStorageConfiguration)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'kvs-esp;channel;storage;enable'= {
            cand --stream 'The stream, by name or ARN (`kvs-esp stream create` makes one)'
            cand --region 'AWS region (default: from AWS_REGION, AWS_DEFAULT_REGION or the profile)'
            cand --profile 'Named profile from ~/.aws/config and ~/.aws/credentials'
            cand --endpoint-url 'Control-plane endpoint, e.g. the emulator''s http://127.0.0.1:8480 [default: AWS_ENDPOINT_URL_KINESIS_VIDEO, then AWS_ENDPOINT_URL, then https://kinesisvideo.<region>.amazonaws.com]'
            cand --ca-file 'A PEM file of extra CA certificates to trust, e.g. the emulator''s ca.pem (also AWS_CA_BUNDLE)'
            cand -o 'Output format: text for people, json for scripts (one JSON document per command)'
            cand --output 'Output format: text for people, json for scripts (one JSON document per command)'
            cand -v 'Print more: -v shows every API call as an event line, -vv adds debug detail'
            cand --verbose 'Print more: -v shows every API call as an event line, -vv adds debug detail'
            cand -q 'Print only results and errors, no warnings or notes'
            cand --quiet 'Print only results and errors, no warnings or notes'
            cand --no-color 'Never colour the output (also NO_COLOR)'
            cand --no-cache 'Skip the endpoint cache: always call DescribeSignalingChannel and GetSignalingChannelEndpoint'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'kvs-esp;channel;storage;disable'= {
            cand --region 'AWS region (default: from AWS_REGION, AWS_DEFAULT_REGION or the profile)'
            cand --profile 'Named profile from ~/.aws/config and ~/.aws/credentials'
            cand --endpoint-url 'Control-plane endpoint, e.g. the emulator''s http://127.0.0.1:8480 [default: AWS_ENDPOINT_URL_KINESIS_VIDEO, then AWS_ENDPOINT_URL, then https://kinesisvideo.<region>.amazonaws.com]'
            cand --ca-file 'A PEM file of extra CA certificates to trust, e.g. the emulator''s ca.pem (also AWS_CA_BUNDLE)'
            cand -o 'Output format: text for people, json for scripts (one JSON document per command)'
            cand --output 'Output format: text for people, json for scripts (one JSON document per command)'
            cand -v 'Print more: -v shows every API call as an event line, -vv adds debug detail'
            cand --verbose 'Print more: -v shows every API call as an event line, -vv adds debug detail'
            cand -q 'Print only results and errors, no warnings or notes'
            cand --quiet 'Print only results and errors, no warnings or notes'
            cand --no-color 'Never colour the output (also NO_COLOR)'
            cand --no-cache 'Skip the endpoint cache: always call DescribeSignalingChannel and GetSignalingChannelEndpoint'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'kvs-esp;channel;storage;describe'= {
            cand --region 'AWS region (default: from AWS_REGION, AWS_DEFAULT_REGION or the profile)'
            cand --profile 'Named profile from ~/.aws/config and ~/.aws/credentials'
            cand --endpoint-url 'Control-plane endpoint, e.g. the emulator''s http://127.0.0.1:8480 [default: AWS_ENDPOINT_URL_KINESIS_VIDEO, then AWS_ENDPOINT_URL, then https://kinesisvideo.<region>.amazonaws.com]'
            cand --ca-file 'A PEM file of extra CA certificates to trust, e.g. the emulator''s ca.pem (also AWS_CA_BUNDLE)'
            cand -o 'Output format: text for people, json for scripts (one JSON document per command)'
            cand --output 'Output format: text for people, json for scripts (one JSON document per command)'
            cand -v 'Print more: -v shows every API call as an event line, -vv adds debug detail'
            cand --verbose 'Print more: -v shows every API call as an event line, -vv adds debug detail'
            cand -q 'Print only results and errors, no warnings or notes'
            cand --quiet 'Print only results and errors, no warnings or notes'
            cand --no-color 'Never colour the output (also NO_COLOR)'
            cand --no-cache 'Skip the endpoint cache: always call DescribeSignalingChannel and GetSignalingChannelEndpoint'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'kvs-esp;channel;storage;help'= {
            cand enable 'Record the channel''s media into a stream (UpdateMediaStorageConfiguration, Status ENABLED). The stream must keep data (a retention above 0) and record no other channel'
            cand disable 'Stop recording the channel''s media (UpdateMediaStorageConfiguration, Status DISABLED)'
            cand describe 'Show whether the channel''s media is recorded, and into which stream (DescribeMediaStorageConfiguration)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'kvs-esp;channel;storage;help;enable'= {
        }
        &'kvs-esp;channel;storage;help;disable'= {
        }
        &'kvs-esp;channel;storage;help;describe'= {
        }
        &'kvs-esp;channel;storage;help;help'= {
        }
        &'kvs-esp;channel;help'= {
            cand create 'Create a signaling channel (CreateSignalingChannel)'
            cand describe 'Show a channel''s ARN, status, version and message TTL (DescribeSignalingChannel)'
            cand delete 'Delete a channel (DescribeSignalingChannel for the current version, then DeleteSignalingChannel)'
            cand list 'List channels, following every page (ListSignalingChannels)'
            cand storage 'Record the channel''s media into a Kinesis video stream, stop, or show where it goes (the channel''s media storage configuration). A recording channel''s master joins the storage session with JoinStorageSession and sends it H.264 video and Opus audio'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'kvs-esp;channel;help;create'= {
        }
        &'kvs-esp;channel;help;describe'= {
        }
        &'kvs-esp;channel;help;delete'= {
        }
        &'kvs-esp;channel;help;list'= {
        }
        &'kvs-esp;channel;help;storage'= {
            cand enable 'Record the channel''s media into a stream (UpdateMediaStorageConfiguration, Status ENABLED). The stream must keep data (a retention above 0) and record no other channel'
            cand disable 'Stop recording the channel''s media (UpdateMediaStorageConfiguration, Status DISABLED)'
            cand describe 'Show whether the channel''s media is recorded, and into which stream (DescribeMediaStorageConfiguration)'
        }
        &'kvs-esp;channel;help;storage;enable'= {
        }
        &'kvs-esp;channel;help;storage;disable'= {
        }
        &'kvs-esp;channel;help;storage;describe'= {
        }
        &'kvs-esp;channel;help;help'= {
        }
        &'kvs-esp;stream'= {
            cand --region 'AWS region (default: from AWS_REGION, AWS_DEFAULT_REGION or the profile)'
            cand --profile 'Named profile from ~/.aws/config and ~/.aws/credentials'
            cand --endpoint-url 'Control-plane endpoint, e.g. the emulator''s http://127.0.0.1:8480 [default: AWS_ENDPOINT_URL_KINESIS_VIDEO, then AWS_ENDPOINT_URL, then https://kinesisvideo.<region>.amazonaws.com]'
            cand --ca-file 'A PEM file of extra CA certificates to trust, e.g. the emulator''s ca.pem (also AWS_CA_BUNDLE)'
            cand -o 'Output format: text for people, json for scripts (one JSON document per command)'
            cand --output 'Output format: text for people, json for scripts (one JSON document per command)'
            cand -v 'Print more: -v shows every API call as an event line, -vv adds debug detail'
            cand --verbose 'Print more: -v shows every API call as an event line, -vv adds debug detail'
            cand -q 'Print only results and errors, no warnings or notes'
            cand --quiet 'Print only results and errors, no warnings or notes'
            cand --no-color 'Never colour the output (also NO_COLOR)'
            cand --no-cache 'Skip the endpoint cache: always call DescribeSignalingChannel and GetSignalingChannelEndpoint'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
            cand create 'Create a stream (CreateStream)'
            cand describe 'Show a stream''s ARN, status, retention and version (DescribeStream)'
            cand delete 'Delete a stream (DescribeStream for the current version, then DeleteStream). A channel that recorded into it can no longer join its storage session'
            cand list 'List streams, following every page (ListStreams)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'kvs-esp;stream;create'= {
            cand --retention-hours 'Hours the stream keeps its media. 0 keeps nothing, and a stream that keeps nothing cannot record a channel (the service''s default is 0; this command''s is 24)'
            cand --media-type 'The media type the stream is told to expect, e.g. video/h264 (a hint for players; the service does not check the media against it)'
            cand --device-name 'The device that writes to the stream: 1–128 of A–Z a–z 0–9 _ . -'
            cand --kms-key-id 'The KMS key that encrypts the stored media [default: the account''s aws/kinesisvideo key]'
            cand --tag 'A tag KEY=VALUE; repeat for more (at most 50)'
            cand --region 'AWS region (default: from AWS_REGION, AWS_DEFAULT_REGION or the profile)'
            cand --profile 'Named profile from ~/.aws/config and ~/.aws/credentials'
            cand --endpoint-url 'Control-plane endpoint, e.g. the emulator''s http://127.0.0.1:8480 [default: AWS_ENDPOINT_URL_KINESIS_VIDEO, then AWS_ENDPOINT_URL, then https://kinesisvideo.<region>.amazonaws.com]'
            cand --ca-file 'A PEM file of extra CA certificates to trust, e.g. the emulator''s ca.pem (also AWS_CA_BUNDLE)'
            cand -o 'Output format: text for people, json for scripts (one JSON document per command)'
            cand --output 'Output format: text for people, json for scripts (one JSON document per command)'
            cand -v 'Print more: -v shows every API call as an event line, -vv adds debug detail'
            cand --verbose 'Print more: -v shows every API call as an event line, -vv adds debug detail'
            cand -q 'Print only results and errors, no warnings or notes'
            cand --quiet 'Print only results and errors, no warnings or notes'
            cand --no-color 'Never colour the output (also NO_COLOR)'
            cand --no-cache 'Skip the endpoint cache: always call DescribeSignalingChannel and GetSignalingChannelEndpoint'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'kvs-esp;stream;describe'= {
            cand --region 'AWS region (default: from AWS_REGION, AWS_DEFAULT_REGION or the profile)'
            cand --profile 'Named profile from ~/.aws/config and ~/.aws/credentials'
            cand --endpoint-url 'Control-plane endpoint, e.g. the emulator''s http://127.0.0.1:8480 [default: AWS_ENDPOINT_URL_KINESIS_VIDEO, then AWS_ENDPOINT_URL, then https://kinesisvideo.<region>.amazonaws.com]'
            cand --ca-file 'A PEM file of extra CA certificates to trust, e.g. the emulator''s ca.pem (also AWS_CA_BUNDLE)'
            cand -o 'Output format: text for people, json for scripts (one JSON document per command)'
            cand --output 'Output format: text for people, json for scripts (one JSON document per command)'
            cand -v 'Print more: -v shows every API call as an event line, -vv adds debug detail'
            cand --verbose 'Print more: -v shows every API call as an event line, -vv adds debug detail'
            cand -q 'Print only results and errors, no warnings or notes'
            cand --quiet 'Print only results and errors, no warnings or notes'
            cand --no-color 'Never colour the output (also NO_COLOR)'
            cand --no-cache 'Skip the endpoint cache: always call DescribeSignalingChannel and GetSignalingChannelEndpoint'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'kvs-esp;stream;delete'= {
            cand --region 'AWS region (default: from AWS_REGION, AWS_DEFAULT_REGION or the profile)'
            cand --profile 'Named profile from ~/.aws/config and ~/.aws/credentials'
            cand --endpoint-url 'Control-plane endpoint, e.g. the emulator''s http://127.0.0.1:8480 [default: AWS_ENDPOINT_URL_KINESIS_VIDEO, then AWS_ENDPOINT_URL, then https://kinesisvideo.<region>.amazonaws.com]'
            cand --ca-file 'A PEM file of extra CA certificates to trust, e.g. the emulator''s ca.pem (also AWS_CA_BUNDLE)'
            cand -o 'Output format: text for people, json for scripts (one JSON document per command)'
            cand --output 'Output format: text for people, json for scripts (one JSON document per command)'
            cand -v 'Print more: -v shows every API call as an event line, -vv adds debug detail'
            cand --verbose 'Print more: -v shows every API call as an event line, -vv adds debug detail'
            cand -q 'Print only results and errors, no warnings or notes'
            cand --quiet 'Print only results and errors, no warnings or notes'
            cand --no-color 'Never colour the output (also NO_COLOR)'
            cand --no-cache 'Skip the endpoint cache: always call DescribeSignalingChannel and GetSignalingChannelEndpoint'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'kvs-esp;stream;list'= {
            cand --prefix 'Only streams whose name begins with this'
            cand --page-size 'Streams asked for per ListStreams call (1–10000)'
            cand --region 'AWS region (default: from AWS_REGION, AWS_DEFAULT_REGION or the profile)'
            cand --profile 'Named profile from ~/.aws/config and ~/.aws/credentials'
            cand --endpoint-url 'Control-plane endpoint, e.g. the emulator''s http://127.0.0.1:8480 [default: AWS_ENDPOINT_URL_KINESIS_VIDEO, then AWS_ENDPOINT_URL, then https://kinesisvideo.<region>.amazonaws.com]'
            cand --ca-file 'A PEM file of extra CA certificates to trust, e.g. the emulator''s ca.pem (also AWS_CA_BUNDLE)'
            cand -o 'Output format: text for people, json for scripts (one JSON document per command)'
            cand --output 'Output format: text for people, json for scripts (one JSON document per command)'
            cand -v 'Print more: -v shows every API call as an event line, -vv adds debug detail'
            cand --verbose 'Print more: -v shows every API call as an event line, -vv adds debug detail'
            cand -q 'Print only results and errors, no warnings or notes'
            cand --quiet 'Print only results and errors, no warnings or notes'
            cand --no-color 'Never colour the output (also NO_COLOR)'
            cand --no-cache 'Skip the endpoint cache: always call DescribeSignalingChannel and GetSignalingChannelEndpoint'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'kvs-esp;stream;help'= {
            cand create 'Create a stream (CreateStream)'
            cand describe 'Show a stream''s ARN, status, retention and version (DescribeStream)'
            cand delete 'Delete a stream (DescribeStream for the current version, then DeleteStream). A channel that recorded into it can no longer join its storage session'
            cand list 'List streams, following every page (ListStreams)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'kvs-esp;stream;help;create'= {
        }
        &'kvs-esp;stream;help;describe'= {
        }
        &'kvs-esp;stream;help;delete'= {
        }
        &'kvs-esp;stream;help;list'= {
        }
        &'kvs-esp;stream;help;help'= {
        }
        &'kvs-esp;endpoint'= {
            cand --region 'AWS region (default: from AWS_REGION, AWS_DEFAULT_REGION or the profile)'
            cand --profile 'Named profile from ~/.aws/config and ~/.aws/credentials'
            cand --endpoint-url 'Control-plane endpoint, e.g. the emulator''s http://127.0.0.1:8480 [default: AWS_ENDPOINT_URL_KINESIS_VIDEO, then AWS_ENDPOINT_URL, then https://kinesisvideo.<region>.amazonaws.com]'
            cand --ca-file 'A PEM file of extra CA certificates to trust, e.g. the emulator''s ca.pem (also AWS_CA_BUNDLE)'
            cand -o 'Output format: text for people, json for scripts (one JSON document per command)'
            cand --output 'Output format: text for people, json for scripts (one JSON document per command)'
            cand -v 'Print more: -v shows every API call as an event line, -vv adds debug detail'
            cand --verbose 'Print more: -v shows every API call as an event line, -vv adds debug detail'
            cand -q 'Print only results and errors, no warnings or notes'
            cand --quiet 'Print only results and errors, no warnings or notes'
            cand --no-color 'Never colour the output (also NO_COLOR)'
            cand --no-cache 'Skip the endpoint cache: always call DescribeSignalingChannel and GetSignalingChannelEndpoint'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
            cand get 'Get the WSS and HTTPS endpoints for a role; cached for 10 hours unless --no-cache'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'kvs-esp;endpoint;get'= {
            cand -c 'Channel name or ARN'
            cand --channel 'Channel name or ARN'
            cand -r 'The role the endpoints are for'
            cand --role 'The role the endpoints are for'
            cand --protocols 'Protocols to ask for (WEBRTC needs a channel configured for ingestion; always asked of the service)'
            cand --region 'AWS region (default: from AWS_REGION, AWS_DEFAULT_REGION or the profile)'
            cand --profile 'Named profile from ~/.aws/config and ~/.aws/credentials'
            cand --endpoint-url 'Control-plane endpoint, e.g. the emulator''s http://127.0.0.1:8480 [default: AWS_ENDPOINT_URL_KINESIS_VIDEO, then AWS_ENDPOINT_URL, then https://kinesisvideo.<region>.amazonaws.com]'
            cand --ca-file 'A PEM file of extra CA certificates to trust, e.g. the emulator''s ca.pem (also AWS_CA_BUNDLE)'
            cand -o 'Output format: text for people, json for scripts (one JSON document per command)'
            cand --output 'Output format: text for people, json for scripts (one JSON document per command)'
            cand -v 'Print more: -v shows every API call as an event line, -vv adds debug detail'
            cand --verbose 'Print more: -v shows every API call as an event line, -vv adds debug detail'
            cand -q 'Print only results and errors, no warnings or notes'
            cand --quiet 'Print only results and errors, no warnings or notes'
            cand --no-color 'Never colour the output (also NO_COLOR)'
            cand --no-cache 'Skip the endpoint cache: always call DescribeSignalingChannel and GetSignalingChannelEndpoint'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'kvs-esp;endpoint;help'= {
            cand get 'Get the WSS and HTTPS endpoints for a role; cached for 10 hours unless --no-cache'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'kvs-esp;endpoint;help;get'= {
        }
        &'kvs-esp;endpoint;help;help'= {
        }
        &'kvs-esp;ice-config'= {
            cand --region 'AWS region (default: from AWS_REGION, AWS_DEFAULT_REGION or the profile)'
            cand --profile 'Named profile from ~/.aws/config and ~/.aws/credentials'
            cand --endpoint-url 'Control-plane endpoint, e.g. the emulator''s http://127.0.0.1:8480 [default: AWS_ENDPOINT_URL_KINESIS_VIDEO, then AWS_ENDPOINT_URL, then https://kinesisvideo.<region>.amazonaws.com]'
            cand --ca-file 'A PEM file of extra CA certificates to trust, e.g. the emulator''s ca.pem (also AWS_CA_BUNDLE)'
            cand -o 'Output format: text for people, json for scripts (one JSON document per command)'
            cand --output 'Output format: text for people, json for scripts (one JSON document per command)'
            cand -v 'Print more: -v shows every API call as an event line, -vv adds debug detail'
            cand --verbose 'Print more: -v shows every API call as an event line, -vv adds debug detail'
            cand -q 'Print only results and errors, no warnings or notes'
            cand --quiet 'Print only results and errors, no warnings or notes'
            cand --no-color 'Never colour the output (also NO_COLOR)'
            cand --no-cache 'Skip the endpoint cache: always call DescribeSignalingChannel and GetSignalingChannelEndpoint'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
            cand get 'Get TURN servers with short-lived credentials for a client'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'kvs-esp;ice-config;get'= {
            cand -c 'Channel name or ARN'
            cand --channel 'Channel name or ARN'
            cand -r 'The role whose HTTPS endpoint is asked'
            cand --role 'The role whose HTTPS endpoint is asked'
            cand --client-id 'Client id sent as ClientId (1–256 of A–Z a–z 0–9 _ . -, not starting with AWS_)'
            cand --region 'AWS region (default: from AWS_REGION, AWS_DEFAULT_REGION or the profile)'
            cand --profile 'Named profile from ~/.aws/config and ~/.aws/credentials'
            cand --endpoint-url 'Control-plane endpoint, e.g. the emulator''s http://127.0.0.1:8480 [default: AWS_ENDPOINT_URL_KINESIS_VIDEO, then AWS_ENDPOINT_URL, then https://kinesisvideo.<region>.amazonaws.com]'
            cand --ca-file 'A PEM file of extra CA certificates to trust, e.g. the emulator''s ca.pem (also AWS_CA_BUNDLE)'
            cand -o 'Output format: text for people, json for scripts (one JSON document per command)'
            cand --output 'Output format: text for people, json for scripts (one JSON document per command)'
            cand --show-passwords 'Print TURN passwords instead of hiding them'
            cand -v 'Print more: -v shows every API call as an event line, -vv adds debug detail'
            cand --verbose 'Print more: -v shows every API call as an event line, -vv adds debug detail'
            cand -q 'Print only results and errors, no warnings or notes'
            cand --quiet 'Print only results and errors, no warnings or notes'
            cand --no-color 'Never colour the output (also NO_COLOR)'
            cand --no-cache 'Skip the endpoint cache: always call DescribeSignalingChannel and GetSignalingChannelEndpoint'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'kvs-esp;ice-config;help'= {
            cand get 'Get TURN servers with short-lived credentials for a client'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'kvs-esp;ice-config;help;get'= {
        }
        &'kvs-esp;ice-config;help;help'= {
        }
        &'kvs-esp;signal'= {
            cand --region 'AWS region (default: from AWS_REGION, AWS_DEFAULT_REGION or the profile)'
            cand --profile 'Named profile from ~/.aws/config and ~/.aws/credentials'
            cand --endpoint-url 'Control-plane endpoint, e.g. the emulator''s http://127.0.0.1:8480 [default: AWS_ENDPOINT_URL_KINESIS_VIDEO, then AWS_ENDPOINT_URL, then https://kinesisvideo.<region>.amazonaws.com]'
            cand --ca-file 'A PEM file of extra CA certificates to trust, e.g. the emulator''s ca.pem (also AWS_CA_BUNDLE)'
            cand -o 'Output format: text for people, json for scripts (one JSON document per command)'
            cand --output 'Output format: text for people, json for scripts (one JSON document per command)'
            cand -v 'Print more: -v shows every API call as an event line, -vv adds debug detail'
            cand --verbose 'Print more: -v shows every API call as an event line, -vv adds debug detail'
            cand -q 'Print only results and errors, no warnings or notes'
            cand --quiet 'Print only results and errors, no warnings or notes'
            cand --no-color 'Never colour the output (also NO_COLOR)'
            cand --no-cache 'Skip the endpoint cache: always call DescribeSignalingChannel and GetSignalingChannelEndpoint'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
            cand connect 'Connect and stay connected: print every received message as one JSON object per line on stdout; send the JSON lines read from stdin (or --send FILE), e.g. {"action":"SDP_OFFER","payload":{"type":"offer","sdp":"v=0…"}} or, as master, {"action":"ICE_CANDIDATE","recipient":"viewer-1","payload":{"candidate":"candidate:…"}}. Reconnects on drops, GO_AWAY and RECONNECT_ICE_SERVER; prints a metrics summary at exit'
            cand alexa-offer 'Send an SDP offer to the channel''s master with SendAlexaOfferToMaster (the HTTPS call an Alexa device uses instead of a WebSocket) and print the master''s answer. The master must be connected (or connect within the channel''s message TTL) and answer within 10 s'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'kvs-esp;signal;connect'= {
            cand -c 'Channel name or ARN'
            cand --channel 'Channel name or ARN'
            cand -r 'The role to connect as'
            cand --role 'The role to connect as'
            cand --client-id 'Client id (a viewer''s X-Amz-ClientId; both roles send it to GetIceServerConfig) [default: a random viewer-xxxxxxxx for viewers, kvs-esp-master for masters]'
            cand --message-ttl 'Message TTL for a channel made by --create-if-missing (5–120 seconds)'
            cand --send 'Send the JSON lines of this file (after connecting) instead of reading stdin'
            cand --offer 'As viewer: send this SDP offer once connected (an SDP text, or {"type":"offer","sdp":…} JSON)'
            cand --answer 'As master: answer every SDP offer with this SDP (an SDP text, or {"type":"answer","sdp":…} JSON)'
            cand --until 'End the session: `connected` (once connected), `answer` (once an SDP answer is received or sent), a number of received messages, or a duration such as 30s, 500ms or 2m [default: run until Ctrl-C]'
            cand --region 'AWS region (default: from AWS_REGION, AWS_DEFAULT_REGION or the profile)'
            cand --profile 'Named profile from ~/.aws/config and ~/.aws/credentials'
            cand --endpoint-url 'Control-plane endpoint, e.g. the emulator''s http://127.0.0.1:8480 [default: AWS_ENDPOINT_URL_KINESIS_VIDEO, then AWS_ENDPOINT_URL, then https://kinesisvideo.<region>.amazonaws.com]'
            cand --ca-file 'A PEM file of extra CA certificates to trust, e.g. the emulator''s ca.pem (also AWS_CA_BUNDLE)'
            cand -o 'Output format: text for people, json for scripts (one JSON document per command)'
            cand --output 'Output format: text for people, json for scripts (one JSON document per command)'
            cand --create-if-missing 'Create the channel (SINGLE_MASTER, --message-ttl) when it does not exist'
            cand -v 'Print more: -v shows every API call as an event line, -vv adds debug detail'
            cand --verbose 'Print more: -v shows every API call as an event line, -vv adds debug detail'
            cand -q 'Print only results and errors, no warnings or notes'
            cand --quiet 'Print only results and errors, no warnings or notes'
            cand --no-color 'Never colour the output (also NO_COLOR)'
            cand --no-cache 'Skip the endpoint cache: always call DescribeSignalingChannel and GetSignalingChannelEndpoint'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'kvs-esp;signal;alexa-offer'= {
            cand -c 'Channel name or ARN'
            cand --channel 'Channel name or ARN'
            cand --offer 'The SDP offer to send (an SDP text, or {"type":"offer","sdp":…} JSON)'
            cand --sender-client-id 'The client id the master sees the offer from [default: a random alexa-xxxxxxxx]'
            cand --region 'AWS region (default: from AWS_REGION, AWS_DEFAULT_REGION or the profile)'
            cand --profile 'Named profile from ~/.aws/config and ~/.aws/credentials'
            cand --endpoint-url 'Control-plane endpoint, e.g. the emulator''s http://127.0.0.1:8480 [default: AWS_ENDPOINT_URL_KINESIS_VIDEO, then AWS_ENDPOINT_URL, then https://kinesisvideo.<region>.amazonaws.com]'
            cand --ca-file 'A PEM file of extra CA certificates to trust, e.g. the emulator''s ca.pem (also AWS_CA_BUNDLE)'
            cand -o 'Output format: text for people, json for scripts (one JSON document per command)'
            cand --output 'Output format: text for people, json for scripts (one JSON document per command)'
            cand -v 'Print more: -v shows every API call as an event line, -vv adds debug detail'
            cand --verbose 'Print more: -v shows every API call as an event line, -vv adds debug detail'
            cand -q 'Print only results and errors, no warnings or notes'
            cand --quiet 'Print only results and errors, no warnings or notes'
            cand --no-color 'Never colour the output (also NO_COLOR)'
            cand --no-cache 'Skip the endpoint cache: always call DescribeSignalingChannel and GetSignalingChannelEndpoint'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'kvs-esp;signal;help'= {
            cand connect 'Connect and stay connected: print every received message as one JSON object per line on stdout; send the JSON lines read from stdin (or --send FILE), e.g. {"action":"SDP_OFFER","payload":{"type":"offer","sdp":"v=0…"}} or, as master, {"action":"ICE_CANDIDATE","recipient":"viewer-1","payload":{"candidate":"candidate:…"}}. Reconnects on drops, GO_AWAY and RECONNECT_ICE_SERVER; prints a metrics summary at exit'
            cand alexa-offer 'Send an SDP offer to the channel''s master with SendAlexaOfferToMaster (the HTTPS call an Alexa device uses instead of a WebSocket) and print the master''s answer. The master must be connected (or connect within the channel''s message TTL) and answer within 10 s'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'kvs-esp;signal;help;connect'= {
        }
        &'kvs-esp;signal;help;alexa-offer'= {
        }
        &'kvs-esp;signal;help;help'= {
        }
        &'kvs-esp;webrtc'= {
            cand --region 'AWS region (default: from AWS_REGION, AWS_DEFAULT_REGION or the profile)'
            cand --profile 'Named profile from ~/.aws/config and ~/.aws/credentials'
            cand --endpoint-url 'Control-plane endpoint, e.g. the emulator''s http://127.0.0.1:8480 [default: AWS_ENDPOINT_URL_KINESIS_VIDEO, then AWS_ENDPOINT_URL, then https://kinesisvideo.<region>.amazonaws.com]'
            cand --ca-file 'A PEM file of extra CA certificates to trust, e.g. the emulator''s ca.pem (also AWS_CA_BUNDLE)'
            cand -o 'Output format: text for people, json for scripts (one JSON document per command)'
            cand --output 'Output format: text for people, json for scripts (one JSON document per command)'
            cand -v 'Print more: -v shows every API call as an event line, -vv adds debug detail'
            cand --verbose 'Print more: -v shows every API call as an event line, -vv adds debug detail'
            cand -q 'Print only results and errors, no warnings or notes'
            cand --quiet 'Print only results and errors, no warnings or notes'
            cand --no-color 'Never colour the output (also NO_COLOR)'
            cand --no-cache 'Skip the endpoint cache: always call DescribeSignalingChannel and GetSignalingChannelEndpoint'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
            cand connect 'Connect a WebRTC peer to a channel. As viewer: offer receive-only audio and video (H.264, VP8, Opus, PCMU, PCMA) and a data channel, trickle candidates (host, server-reflexive from STUN, relay from the channel''s TURN servers over UDP, TCP and TLS), and report every layer — candidates, pairs and their round trips, the nominated pair, DTLS, the data channel''s echo, each track''s first packet and keyframe and per-second figures. As master: answer every viewer (up to 10), send an H.264 and an Opus track (a built-in test clip, or --video/--audio files, looped), and echo the data channel — as the KVS C SDK''s sample master does. Ends with a verdict that names the first failing layer and its likely cause (exit 7)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'kvs-esp;webrtc;connect'= {
            cand -c 'Channel name or ARN'
            cand --channel 'Channel name or ARN'
            cand -r 'The role to connect as'
            cand --role 'The role to connect as'
            cand --client-id 'Client id (a viewer''s X-Amz-ClientId; both roles send it to GetIceServerConfig) [default: a random viewer-xxxxxxxx for viewers, kvs-esp-master for masters]'
            cand --ice-transport 'Which candidates to use: all, or relay only (every packet through TURN)'
            cand --stun 'A STUN server for server-reflexive candidates, as HOST:PORT or stun:HOST:PORT (repeatable) [default: stun.kinesisvideo.<region>.amazonaws.com:443 against AWS; none against another --endpoint-url]'
            cand --turn-transport 'Which of the channel''s TURN URIs to allocate on, by how they reach the server (comma-separated)'
            cand --trust 'Roots to trust for TURN over TLS: native, esp-common (ESP-IDF''s default bundle, what a device has), esp-full, or a PEM file'
            cand --host-ip 'The address of a host candidate (repeatable) [default: every non-loopback IPv4 interface]'
            cand --video 'As master: the video to send, an H.264 Annex-B file (`ffmpeg … -c:v libx264 -bsf:v h264_mp4toannexb -f h264 out.h264`), `clip` or `none`; looped'
            cand --audio 'As master: the audio to send, an Ogg Opus file (`ffmpeg … -c:a libopus -f ogg out.opus`), `clip` or `none`; looped'
            cand --fps 'The frame rate of a --video file'
            cand --codec 'The codecs to negotiate (comma-separated, e.g. h264,opus) [default: h264,vp8,opus,pcmu,pcma]'
            cand --save 'As viewer: save what arrives in this directory (H.264 as .h264, VP8 as .ivf, Opus as .ogg; ffplay plays them)'
            cand --timeout 'How long the media path may take to come up (from the start)'
            cand --duration 'How long to stay connected: a viewer from its connection [default: 10s], a master from the start [default: until Ctrl-C]'
            cand --max-viewers 'As master: how many viewers to serve at once'
            cand --region 'AWS region (default: from AWS_REGION, AWS_DEFAULT_REGION or the profile)'
            cand --profile 'Named profile from ~/.aws/config and ~/.aws/credentials'
            cand --endpoint-url 'Control-plane endpoint, e.g. the emulator''s http://127.0.0.1:8480 [default: AWS_ENDPOINT_URL_KINESIS_VIDEO, then AWS_ENDPOINT_URL, then https://kinesisvideo.<region>.amazonaws.com]'
            cand --ca-file 'A PEM file of extra CA certificates to trust, e.g. the emulator''s ca.pem (also AWS_CA_BUNDLE)'
            cand -o 'Output format: text for people, json for scripts (one JSON document per command)'
            cand --output 'Output format: text for people, json for scripts (one JSON document per command)'
            cand --no-stun 'Use no STUN server'
            cand --no-turn 'Allocate on none of the channel''s TURN servers (no relay candidates)'
            cand --join-storage 'On a channel that records (`kvs-esp channel storage enable`): join its storage session whenever signaling connects and answer the session''s offer — a master (JoinStorageSession) with H.264 video and Opus audio (KVS ingestion takes both), a viewer (JoinStorageSessionAsViewer) with its Opus audio, instead of offering to the master; join again when no offer comes within 6 s or the session ends'
            cand -v 'Print more: -v shows every API call as an event line, -vv adds debug detail'
            cand --verbose 'Print more: -v shows every API call as an event line, -vv adds debug detail'
            cand -q 'Print only results and errors, no warnings or notes'
            cand --quiet 'Print only results and errors, no warnings or notes'
            cand --no-color 'Never colour the output (also NO_COLOR)'
            cand --no-cache 'Skip the endpoint cache: always call DescribeSignalingChannel and GetSignalingChannelEndpoint'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'kvs-esp;webrtc;help'= {
            cand connect 'Connect a WebRTC peer to a channel. As viewer: offer receive-only audio and video (H.264, VP8, Opus, PCMU, PCMA) and a data channel, trickle candidates (host, server-reflexive from STUN, relay from the channel''s TURN servers over UDP, TCP and TLS), and report every layer — candidates, pairs and their round trips, the nominated pair, DTLS, the data channel''s echo, each track''s first packet and keyframe and per-second figures. As master: answer every viewer (up to 10), send an H.264 and an Opus track (a built-in test clip, or --video/--audio files, looped), and echo the data channel — as the KVS C SDK''s sample master does. Ends with a verdict that names the first failing layer and its likely cause (exit 7)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'kvs-esp;webrtc;help;connect'= {
        }
        &'kvs-esp;webrtc;help;help'= {
        }
        &'kvs-esp;turn-tls'= {
            cand --region 'AWS region (default: from AWS_REGION, AWS_DEFAULT_REGION or the profile)'
            cand --profile 'Named profile from ~/.aws/config and ~/.aws/credentials'
            cand --endpoint-url 'Control-plane endpoint, e.g. the emulator''s http://127.0.0.1:8480 [default: AWS_ENDPOINT_URL_KINESIS_VIDEO, then AWS_ENDPOINT_URL, then https://kinesisvideo.<region>.amazonaws.com]'
            cand --ca-file 'A PEM file of extra CA certificates to trust, e.g. the emulator''s ca.pem (also AWS_CA_BUNDLE)'
            cand -o 'Output format: text for people, json for scripts (one JSON document per command)'
            cand --output 'Output format: text for people, json for scripts (one JSON document per command)'
            cand -v 'Print more: -v shows every API call as an event line, -vv adds debug detail'
            cand --verbose 'Print more: -v shows every API call as an event line, -vv adds debug detail'
            cand -q 'Print only results and errors, no warnings or notes'
            cand --quiet 'Print only results and errors, no warnings or notes'
            cand --no-color 'Never colour the output (also NO_COLOR)'
            cand --no-cache 'Skip the endpoint cache: always call DescribeSignalingChannel and GetSignalingChannelEndpoint'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
            cand probe 'For every turns:…?transport=tcp server of a channel (or one --uri): DNS, TCP, TLS (chain, version, cipher, anchoring root, whether ESP-IDF''s default bundle trusts it), TURN Allocate with long-term credentials, an optional relay round trip (--peer), and Refresh to release — each step timed'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'kvs-esp;turn-tls;probe'= {
            cand -c 'Take the servers from the channel''s GetIceServerConfig'
            cand --channel 'Take the servers from the channel''s GetIceServerConfig'
            cand -r 'The role whose HTTPS endpoint GetIceServerConfig is sent to'
            cand --role 'The role whose HTTPS endpoint GetIceServerConfig is sent to'
            cand --client-id 'Client id for GetIceServerConfig'
            cand --uri 'Probe one server by hand, e.g. ''turns:turn.example.com:443?transport=tcp'''
            cand --username 'The TURN username for --uri'
            cand --password 'The TURN password for --uri (also KVS_ESP_TURN_PASSWORD)'
            cand --peer 'After allocating, permit this peer and check that data relayed to it comes back (an echo service)'
            cand --trust 'Roots to trust: native (this machine), esp-common (ESP-IDF''s default bundle), esp-full (the whole Mozilla store ESP-IDF can bundle), or a PEM file. The report always says whether esp-common would trust'
            cand --tls 'TLS versions to offer: 1.2, 1.3 or any'
            cand --jobs 'Servers probed at once'
            cand --timeout 'Seconds each step may take'
            cand --region 'AWS region (default: from AWS_REGION, AWS_DEFAULT_REGION or the profile)'
            cand --profile 'Named profile from ~/.aws/config and ~/.aws/credentials'
            cand --endpoint-url 'Control-plane endpoint, e.g. the emulator''s http://127.0.0.1:8480 [default: AWS_ENDPOINT_URL_KINESIS_VIDEO, then AWS_ENDPOINT_URL, then https://kinesisvideo.<region>.amazonaws.com]'
            cand --ca-file 'A PEM file of extra CA certificates to trust, e.g. the emulator''s ca.pem (also AWS_CA_BUNDLE)'
            cand -o 'Output format: text for people, json for scripts (one JSON document per command)'
            cand --output 'Output format: text for people, json for scripts (one JSON document per command)'
            cand --udp 'Also probe the plain turn: UDP URIs'
            cand -v 'Print more: -v shows every API call as an event line, -vv adds debug detail'
            cand --verbose 'Print more: -v shows every API call as an event line, -vv adds debug detail'
            cand -q 'Print only results and errors, no warnings or notes'
            cand --quiet 'Print only results and errors, no warnings or notes'
            cand --no-color 'Never colour the output (also NO_COLOR)'
            cand --no-cache 'Skip the endpoint cache: always call DescribeSignalingChannel and GetSignalingChannelEndpoint'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'kvs-esp;turn-tls;help'= {
            cand probe 'For every turns:…?transport=tcp server of a channel (or one --uri): DNS, TCP, TLS (chain, version, cipher, anchoring root, whether ESP-IDF''s default bundle trusts it), TURN Allocate with long-term credentials, an optional relay round trip (--peer), and Refresh to release — each step timed'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'kvs-esp;turn-tls;help;probe'= {
        }
        &'kvs-esp;turn-tls;help;help'= {
        }
        &'kvs-esp;doctor'= {
            cand -c 'The channel to check (without it, the checks stop after the clock)'
            cand --channel 'The channel to check (without it, the checks stop after the clock)'
            cand -r 'The role to check the endpoints and the WebSocket for'
            cand --role 'The role to check the endpoints and the WebSocket for'
            cand --client-id 'Client id for GetIceServerConfig and the viewer''s WebSocket [default: a random doctor-xxxxxxxx]'
            cand --turn-trust 'Roots to trust for the TURN servers: native, esp-common, esp-full or a PEM file'
            cand --timeout 'Seconds each check may take'
            cand --host-ip 'For --peer and --storage-session: the address of a host candidate (repeatable) [default: every non-loopback IPv4 interface]'
            cand --region 'AWS region (default: from AWS_REGION, AWS_DEFAULT_REGION or the profile)'
            cand --profile 'Named profile from ~/.aws/config and ~/.aws/credentials'
            cand --endpoint-url 'Control-plane endpoint, e.g. the emulator''s http://127.0.0.1:8480 [default: AWS_ENDPOINT_URL_KINESIS_VIDEO, then AWS_ENDPOINT_URL, then https://kinesisvideo.<region>.amazonaws.com]'
            cand --ca-file 'A PEM file of extra CA certificates to trust, e.g. the emulator''s ca.pem (also AWS_CA_BUNDLE)'
            cand -o 'Output format: text for people, json for scripts (one JSON document per command)'
            cand --output 'Output format: text for people, json for scripts (one JSON document per command)'
            cand --peer 'Add a media-path step: connect as a viewer to the channel''s master (which must be running) and require ICE, DTLS and the data channel within --timeout, with the channel''s TURN servers and KVS''s STUN server'
            cand --storage-session 'Add a storage-session step for a channel that records: connect as its master (superseding the master connected now, for a few seconds), join the storage session (JoinStorageSession) and require DTLS with it and H.264 and Opus sent into it'
            cand -v 'Print more: -v shows every API call as an event line, -vv adds debug detail'
            cand --verbose 'Print more: -v shows every API call as an event line, -vv adds debug detail'
            cand -q 'Print only results and errors, no warnings or notes'
            cand --quiet 'Print only results and errors, no warnings or notes'
            cand --no-color 'Never colour the output (also NO_COLOR)'
            cand --no-cache 'Skip the endpoint cache: always call DescribeSignalingChannel and GetSignalingChannelEndpoint'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'kvs-esp;flash'= {
            cand --board 'The board''s chip. The firmware is built for it, and a device that is another chip is refused before anything is written. esp32h2 and esp32p4 (no Wi-Fi), esp32 and esp32s2 (no USB-Serial-JTAG peripheral, which the firmware''s console uses beside UART0) are refused with the reason'
            cand -p 'The serial port [default: ESPFLASH_PORT, else the one USB port of a known ESP32 chip or bridge]'
            cand --port 'The serial port [default: ESPFLASH_PORT, else the one USB port of a known ESP32 chip or bridge]'
            cand -b 'Baud rate to flash at; above 115200 the loader is asked to switch after connecting'
            cand --baud 'Baud rate to flash at; above 115200 the loader is asked to switch after connecting'
            cand --elf 'Flash this prebuilt ELF instead of building the firmware'
            cand --firmware-dir 'The firmware to build [default: firmware/app of the kvs-esp checkout in or above the current directory]'
            cand --before 'How to put the chip into download mode: default-reset toggles DTR/RTS (auto-reset circuits and USB-Serial-JTAG); no-reset expects the chip already waiting (BOOT held during reset)'
            cand --after 'What to do when done: hard-reset starts the new firmware; no-reset leaves the chip in the loader'
            cand --until 'With --monitor: stop after this long (e.g. 30s) [default: until Ctrl-C]'
            cand -c 'The channel the device signals on; with --wifi-ssid, answers the device''s provisioning prompt'
            cand --channel 'The channel the device signals on; with --wifi-ssid, answers the device''s provisioning prompt'
            cand -r 'The device''s role on the channel'
            cand --role 'The device''s role on the channel'
            cand --client-id 'The device''s client id [default: esp32-<channel name>]'
            cand --wifi-ssid 'The Wi-Fi network the device joins'
            cand --wifi-password 'Its passphrase (empty for an open network)'
            cand --region 'AWS region (default: from AWS_REGION, AWS_DEFAULT_REGION or the profile)'
            cand --profile 'Named profile from ~/.aws/config and ~/.aws/credentials'
            cand --endpoint-url 'Control-plane endpoint, e.g. the emulator''s http://127.0.0.1:8480 [default: AWS_ENDPOINT_URL_KINESIS_VIDEO, then AWS_ENDPOINT_URL, then https://kinesisvideo.<region>.amazonaws.com]'
            cand --ca-file 'A PEM file of extra CA certificates to trust, e.g. the emulator''s ca.pem (also AWS_CA_BUNDLE)'
            cand -o 'Output format: text for people, json for scripts (one JSON document per command)'
            cand --output 'Output format: text for people, json for scripts (one JSON document per command)'
            cand --erase 'Erase the whole flash first (NVS too: the device forgets its endpoint cache)'
            cand --no-stub 'Talk to the ROM loader directly instead of uploading espflash''s faster stub loader'
            cand --monitor 'Show the device''s log after flashing (as `kvs-esp monitor`, symbolized from the flashed ELF)'
            cand -v 'Print more: -v shows every API call as an event line, -vv adds debug detail'
            cand --verbose 'Print more: -v shows every API call as an event line, -vv adds debug detail'
            cand -q 'Print only results and errors, no warnings or notes'
            cand --quiet 'Print only results and errors, no warnings or notes'
            cand --no-color 'Never colour the output (also NO_COLOR)'
            cand --no-cache 'Skip the endpoint cache: always call DescribeSignalingChannel and GetSignalingChannelEndpoint'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'kvs-esp;monitor'= {
            cand -p 'The serial port [default: ESPFLASH_PORT, else the one USB port of a known ESP32 chip or bridge]'
            cand --port 'The serial port [default: ESPFLASH_PORT, else the one USB port of a known ESP32 chip or bridge]'
            cand -b 'Baud rate'
            cand --baud 'Baud rate'
            cand --elf 'The application''s ELF, to symbolize addresses, to unwind RISC-V stack dumps by its DWARF call frame information, and to check that the device runs this build'
            cand --until 'Stop after this long (e.g. 30s, 2m) [default: until Ctrl-C]'
            cand --filter 'Show only these log lines, in esp-idf-monitor''s print-filter syntax: `tag:level` items (levels N E W I D V, `*` for every other tag), e.g. "kvs:I wifi:W *:E". Lines that are not log lines (boot, panics) pass unless "*:N"'
            cand --log-file 'Also write every line, as received and unfiltered, to this file (appended)'
            cand -c 'The channel the device signals on; with --wifi-ssid, answers the device''s provisioning prompt'
            cand --channel 'The channel the device signals on; with --wifi-ssid, answers the device''s provisioning prompt'
            cand -r 'The device''s role on the channel'
            cand --role 'The device''s role on the channel'
            cand --client-id 'The device''s client id [default: esp32-<channel name>]'
            cand --wifi-ssid 'The Wi-Fi network the device joins'
            cand --wifi-password 'Its passphrase (empty for an open network)'
            cand --region 'AWS region (default: from AWS_REGION, AWS_DEFAULT_REGION or the profile)'
            cand --profile 'Named profile from ~/.aws/config and ~/.aws/credentials'
            cand --endpoint-url 'Control-plane endpoint, e.g. the emulator''s http://127.0.0.1:8480 [default: AWS_ENDPOINT_URL_KINESIS_VIDEO, then AWS_ENDPOINT_URL, then https://kinesisvideo.<region>.amazonaws.com]'
            cand --ca-file 'A PEM file of extra CA certificates to trust, e.g. the emulator''s ca.pem (also AWS_CA_BUNDLE)'
            cand -o 'Output format: text for people, json for scripts (one JSON document per command)'
            cand --output 'Output format: text for people, json for scripts (one JSON document per command)'
            cand --timestamps 'Start every shown line with the time it arrived (UTC, to the millisecond)'
            cand -v 'Print more: -v shows every API call as an event line, -vv adds debug detail'
            cand --verbose 'Print more: -v shows every API call as an event line, -vv adds debug detail'
            cand -q 'Print only results and errors, no warnings or notes'
            cand --quiet 'Print only results and errors, no warnings or notes'
            cand --no-color 'Never colour the output (also NO_COLOR)'
            cand --no-cache 'Skip the endpoint cache: always call DescribeSignalingChannel and GetSignalingChannelEndpoint'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'kvs-esp;diagnose'= {
            cand --board 'The board''s chip (flash it first with `kvs-esp flash --board`)'
            cand -c 'The channel: the device becomes its master, the host joins as a viewer. Created if missing'
            cand --channel 'The channel: the device becomes its master, the host joins as a viewer. Created if missing'
            cand -p 'The serial port [default: ESPFLASH_PORT, else the one USB port of a known ESP32 chip or bridge]'
            cand --port 'The serial port [default: ESPFLASH_PORT, else the one USB port of a known ESP32 chip or bridge]'
            cand -b 'Baud rate of the device''s console'
            cand --baud 'Baud rate of the device''s console'
            cand --client-id 'The device''s client id [default: esp32-<channel name>]'
            cand --wifi-ssid 'The Wi-Fi network the device joins'
            cand --wifi-password 'Its passphrase (empty for an open network)'
            cand --host-ip 'The host viewer''s candidate addresses (repeatable) [default: every non-loopback IPv4 interface]'
            cand --timeout 'Give up after this long (e.g. 90s)'
            cand --report 'Also write the report as a self-contained HTML page with the timeline as a sequence diagram'
            cand --region 'AWS region (default: from AWS_REGION, AWS_DEFAULT_REGION or the profile)'
            cand --profile 'Named profile from ~/.aws/config and ~/.aws/credentials'
            cand --endpoint-url 'Control-plane endpoint, e.g. the emulator''s http://127.0.0.1:8480 [default: AWS_ENDPOINT_URL_KINESIS_VIDEO, then AWS_ENDPOINT_URL, then https://kinesisvideo.<region>.amazonaws.com]'
            cand --ca-file 'A PEM file of extra CA certificates to trust, e.g. the emulator''s ca.pem (also AWS_CA_BUNDLE)'
            cand -o 'Output format: text for people, json for scripts (one JSON document per command)'
            cand --output 'Output format: text for people, json for scripts (one JSON document per command)'
            cand --no-provision 'The device runs a master of its own on the channel already (the KVS C SDK''s sample, say), not the companion firmware: do not provision it, start the host''s viewer at once and test the media path'
            cand -v 'Print more: -v shows every API call as an event line, -vv adds debug detail'
            cand --verbose 'Print more: -v shows every API call as an event line, -vv adds debug detail'
            cand -q 'Print only results and errors, no warnings or notes'
            cand --quiet 'Print only results and errors, no warnings or notes'
            cand --no-color 'Never colour the output (also NO_COLOR)'
            cand --no-cache 'Skip the endpoint cache: always call DescribeSignalingChannel and GetSignalingChannelEndpoint'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'kvs-esp;virtual-device'= {
            cand --board 'The chip it says it is (in its boot banner and its diagnostic answers)'
            cand --link 'Also make the pseudo-terminal reachable at this path (a symlink, removed on exit)'
            cand --until 'Switch off after this long (e.g. 5m) [default: until Ctrl-C]'
            cand --answer 'How it answers a viewer''s offer: as the companion firmware does, or as a board running a real WebRTC master (the KVS C SDK''s sample, say) does — with media or with none'
            cand --host-ip 'The address of a host candidate (repeatable) [default: every non-loopback IPv4 interface]'
            cand --bundle 'The roots the device trusts for TURN over TLS: esp-common (ESP-IDF''s common bundle, the firmware''s), esp-full, or a PEM file (a firmware built with a bundle of its own)'
            cand --region 'AWS region (default: from AWS_REGION, AWS_DEFAULT_REGION or the profile)'
            cand --profile 'Named profile from ~/.aws/config and ~/.aws/credentials'
            cand --endpoint-url 'Control-plane endpoint, e.g. the emulator''s http://127.0.0.1:8480 [default: AWS_ENDPOINT_URL_KINESIS_VIDEO, then AWS_ENDPOINT_URL, then https://kinesisvideo.<region>.amazonaws.com]'
            cand --ca-file 'A PEM file of extra CA certificates to trust, e.g. the emulator''s ca.pem (also AWS_CA_BUNDLE)'
            cand -o 'Output format: text for people, json for scripts (one JSON document per command)'
            cand --output 'Output format: text for people, json for scripts (one JSON document per command)'
            cand -v 'Print more: -v shows every API call as an event line, -vv adds debug detail'
            cand --verbose 'Print more: -v shows every API call as an event line, -vv adds debug detail'
            cand -q 'Print only results and errors, no warnings or notes'
            cand --quiet 'Print only results and errors, no warnings or notes'
            cand --no-color 'Never colour the output (also NO_COLOR)'
            cand --no-cache 'Skip the endpoint cache: always call DescribeSignalingChannel and GetSignalingChannelEndpoint'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'kvs-esp;cache'= {
            cand --region 'AWS region (default: from AWS_REGION, AWS_DEFAULT_REGION or the profile)'
            cand --profile 'Named profile from ~/.aws/config and ~/.aws/credentials'
            cand --endpoint-url 'Control-plane endpoint, e.g. the emulator''s http://127.0.0.1:8480 [default: AWS_ENDPOINT_URL_KINESIS_VIDEO, then AWS_ENDPOINT_URL, then https://kinesisvideo.<region>.amazonaws.com]'
            cand --ca-file 'A PEM file of extra CA certificates to trust, e.g. the emulator''s ca.pem (also AWS_CA_BUNDLE)'
            cand -o 'Output format: text for people, json for scripts (one JSON document per command)'
            cand --output 'Output format: text for people, json for scripts (one JSON document per command)'
            cand -v 'Print more: -v shows every API call as an event line, -vv adds debug detail'
            cand --verbose 'Print more: -v shows every API call as an event line, -vv adds debug detail'
            cand -q 'Print only results and errors, no warnings or notes'
            cand --quiet 'Print only results and errors, no warnings or notes'
            cand --no-color 'Never colour the output (also NO_COLOR)'
            cand --no-cache 'Skip the endpoint cache: always call DescribeSignalingChannel and GetSignalingChannelEndpoint'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
            cand show 'List cached endpoint entries and when each expires'
            cand clear 'Remove every cached entry'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'kvs-esp;cache;show'= {
            cand --region 'AWS region (default: from AWS_REGION, AWS_DEFAULT_REGION or the profile)'
            cand --profile 'Named profile from ~/.aws/config and ~/.aws/credentials'
            cand --endpoint-url 'Control-plane endpoint, e.g. the emulator''s http://127.0.0.1:8480 [default: AWS_ENDPOINT_URL_KINESIS_VIDEO, then AWS_ENDPOINT_URL, then https://kinesisvideo.<region>.amazonaws.com]'
            cand --ca-file 'A PEM file of extra CA certificates to trust, e.g. the emulator''s ca.pem (also AWS_CA_BUNDLE)'
            cand -o 'Output format: text for people, json for scripts (one JSON document per command)'
            cand --output 'Output format: text for people, json for scripts (one JSON document per command)'
            cand -v 'Print more: -v shows every API call as an event line, -vv adds debug detail'
            cand --verbose 'Print more: -v shows every API call as an event line, -vv adds debug detail'
            cand -q 'Print only results and errors, no warnings or notes'
            cand --quiet 'Print only results and errors, no warnings or notes'
            cand --no-color 'Never colour the output (also NO_COLOR)'
            cand --no-cache 'Skip the endpoint cache: always call DescribeSignalingChannel and GetSignalingChannelEndpoint'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'kvs-esp;cache;clear'= {
            cand --region 'AWS region (default: from AWS_REGION, AWS_DEFAULT_REGION or the profile)'
            cand --profile 'Named profile from ~/.aws/config and ~/.aws/credentials'
            cand --endpoint-url 'Control-plane endpoint, e.g. the emulator''s http://127.0.0.1:8480 [default: AWS_ENDPOINT_URL_KINESIS_VIDEO, then AWS_ENDPOINT_URL, then https://kinesisvideo.<region>.amazonaws.com]'
            cand --ca-file 'A PEM file of extra CA certificates to trust, e.g. the emulator''s ca.pem (also AWS_CA_BUNDLE)'
            cand -o 'Output format: text for people, json for scripts (one JSON document per command)'
            cand --output 'Output format: text for people, json for scripts (one JSON document per command)'
            cand -v 'Print more: -v shows every API call as an event line, -vv adds debug detail'
            cand --verbose 'Print more: -v shows every API call as an event line, -vv adds debug detail'
            cand -q 'Print only results and errors, no warnings or notes'
            cand --quiet 'Print only results and errors, no warnings or notes'
            cand --no-color 'Never colour the output (also NO_COLOR)'
            cand --no-cache 'Skip the endpoint cache: always call DescribeSignalingChannel and GetSignalingChannelEndpoint'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'kvs-esp;cache;help'= {
            cand show 'List cached endpoint entries and when each expires'
            cand clear 'Remove every cached entry'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'kvs-esp;cache;help;show'= {
        }
        &'kvs-esp;cache;help;clear'= {
        }
        &'kvs-esp;cache;help;help'= {
        }
        &'kvs-esp;completions'= {
            cand --region 'AWS region (default: from AWS_REGION, AWS_DEFAULT_REGION or the profile)'
            cand --profile 'Named profile from ~/.aws/config and ~/.aws/credentials'
            cand --endpoint-url 'Control-plane endpoint, e.g. the emulator''s http://127.0.0.1:8480 [default: AWS_ENDPOINT_URL_KINESIS_VIDEO, then AWS_ENDPOINT_URL, then https://kinesisvideo.<region>.amazonaws.com]'
            cand --ca-file 'A PEM file of extra CA certificates to trust, e.g. the emulator''s ca.pem (also AWS_CA_BUNDLE)'
            cand -o 'Output format: text for people, json for scripts (one JSON document per command)'
            cand --output 'Output format: text for people, json for scripts (one JSON document per command)'
            cand -v 'Print more: -v shows every API call as an event line, -vv adds debug detail'
            cand --verbose 'Print more: -v shows every API call as an event line, -vv adds debug detail'
            cand -q 'Print only results and errors, no warnings or notes'
            cand --quiet 'Print only results and errors, no warnings or notes'
            cand --no-color 'Never colour the output (also NO_COLOR)'
            cand --no-cache 'Skip the endpoint cache: always call DescribeSignalingChannel and GetSignalingChannelEndpoint'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'kvs-esp;emulator'= {
            cand --bind 'Address to listen on. Loopback unless you mean to expose an unauthenticated test service'
            cand --http-port 'Plain-HTTP port (0 picks a free one)'
            cand --https-port 'HTTPS port (0 picks a free one); its certificate is issued by the CA in --state-dir'
            cand --state-dir 'Keep the CA and channels here, across restarts [default: a new temporary directory]'
            cand --key 'An accepted key pair ACCESS_KEY_ID:SECRET[:SESSION_TOKEN]; repeat for more. Replaces the default pair. With @EXPIRATION (Unix seconds) it expires then, as session credentials do: later requests get ExpiredTokenException'
            cand --expired-key 'An accepted key pair whose session has expired: requests signed with it get ExpiredTokenException'
            cand --denied-key 'An accepted key pair without permissions: its requests get AccessDeniedException (401)'
            cand --emulated-region 'The region the emulator serves; requests signed for another region are refused'
            cand --account-id 'The account id in the ARNs it mints'
            cand --skew-tolerance 'How far a request''s X-Amz-Date may be from the emulator''s clock, in seconds'
            cand --clock-offset 'Shift the emulator''s clock by this many seconds (negative: behind), to test clock-skew handling'
            cand --turn-uri 'A TURN URI to hand out in GetIceServerConfig, e.g. turns:localhost:5349?transport=tcp; repeat for more'
            cand --turn-secret 'The TURN REST shared secret (coturn''s static-auth-secret) used to mint ICE credentials'
            cand --turn-ttl 'Lifetime of minted TURN credentials, in seconds (the service uses 300)'
            cand --max-channels 'Most channels it holds before AccountChannelLimitExceededException, and most streams (counted apart) before AccountStreamLimitExceededException'
            cand --max-viewers 'Most viewers connected to one channel; one more is refused at the handshake'
            cand --rates 'Messages per second per connection for SDP offers, SDP answers and ICE candidates'
            cand --idle-timeout 'Seconds without a message or ping before a connection gets GO_AWAY and is closed'
            cand --max-duration 'Seconds a connection may last before it gets GO_AWAY and is closed'
            cand --go-away-grace-ms 'Milliseconds between GO_AWAY and the close that follows it (the service allows up to a minute)'
            cand --request-timeout 'Seconds a client may take to send a request''s headers, and then its body; slower clients are cut off'
            cand --profile 'Named profile from ~/.aws/config and ~/.aws/credentials'
            cand --endpoint-url 'Control-plane endpoint, e.g. the emulator''s http://127.0.0.1:8480 [default: AWS_ENDPOINT_URL_KINESIS_VIDEO, then AWS_ENDPOINT_URL, then https://kinesisvideo.<region>.amazonaws.com]'
            cand --ca-file 'A PEM file of extra CA certificates to trust, e.g. the emulator''s ca.pem (also AWS_CA_BUNDLE)'
            cand -o 'Output format: text for people, json for scripts (one JSON document per command)'
            cand --output 'Output format: text for people, json for scripts (one JSON document per command)'
            cand -v 'Print more: -v shows every API call as an event line, -vv adds debug detail'
            cand --verbose 'Print more: -v shows every API call as an event line, -vv adds debug detail'
            cand -q 'Print only results and errors, no warnings or notes'
            cand --quiet 'Print only results and errors, no warnings or notes'
            cand --no-color 'Never colour the output (also NO_COLOR)'
            cand --no-cache 'Skip the endpoint cache: always call DescribeSignalingChannel and GetSignalingChannelEndpoint'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
            cand stats 'Ask the emulator at --endpoint-url (or AWS_ENDPOINT_URL_KINESIS_VIDEO) what it has served: requests by operation, signaling connections and relayed messages, and per stream the storage sessions it recorded (frames, bytes, the last session''s directory and how it ended)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'kvs-esp;emulator;stats'= {
            cand --profile 'Named profile from ~/.aws/config and ~/.aws/credentials'
            cand --endpoint-url 'Control-plane endpoint, e.g. the emulator''s http://127.0.0.1:8480 [default: AWS_ENDPOINT_URL_KINESIS_VIDEO, then AWS_ENDPOINT_URL, then https://kinesisvideo.<region>.amazonaws.com]'
            cand --ca-file 'A PEM file of extra CA certificates to trust, e.g. the emulator''s ca.pem (also AWS_CA_BUNDLE)'
            cand -o 'Output format: text for people, json for scripts (one JSON document per command)'
            cand --output 'Output format: text for people, json for scripts (one JSON document per command)'
            cand -v 'Print more: -v shows every API call as an event line, -vv adds debug detail'
            cand --verbose 'Print more: -v shows every API call as an event line, -vv adds debug detail'
            cand -q 'Print only results and errors, no warnings or notes'
            cand --quiet 'Print only results and errors, no warnings or notes'
            cand --no-color 'Never colour the output (also NO_COLOR)'
            cand --no-cache 'Skip the endpoint cache: always call DescribeSignalingChannel and GetSignalingChannelEndpoint'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'kvs-esp;emulator;help'= {
            cand stats 'Ask the emulator at --endpoint-url (or AWS_ENDPOINT_URL_KINESIS_VIDEO) what it has served: requests by operation, signaling connections and relayed messages, and per stream the storage sessions it recorded (frames, bytes, the last session''s directory and how it ended)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'kvs-esp;emulator;help;stats'= {
        }
        &'kvs-esp;emulator;help;help'= {
        }
        &'kvs-esp;help'= {
            cand channel 'Create, describe, list and delete signaling channels (the control plane)'
            cand stream 'Create, describe, list and delete Kinesis video streams: what a channel''s media is recorded into once `kvs-esp channel storage enable` names one (WebRTC ingestion)'
            cand endpoint 'Look up a channel''s signaling endpoints (GetSignalingChannelEndpoint)'
            cand ice-config 'Fetch TURN servers and credentials (GetIceServerConfig, on the channel''s HTTPS endpoint)'
            cand signal 'Run a WebSocket signaling session as master or viewer (messages in and out as JSON lines)'
            cand webrtc 'Run a real WebRTC peer over signaling (ICE, TURN, DTLS, data channel, RTP) and report, layer by layer, whether media flows and where it stops'
            cand turn-tls 'Probe TURN over TLS as an ESP32 with its certificate bundle would use it'
            cand doctor 'Run every check a KVS WebRTC connection depends on, in order, with one verdict each: credentials, region, DNS/TCP/TLS to the control plane, clock, the channel''s API calls, the WebSocket, TURN over TLS'
            cand flash 'Build the companion firmware for a board and flash it over the serial port (espflash''s stub loader, compressed, MD5-verified); --monitor then shows the device''s log and answers its provisioning prompt'
            cand monitor 'Show an ESP32''s serial log: lines classified (ROM banner, ESP-IDF log, kvs events, panics), every code address symbolized from --elf and RISC-V stack dumps unwound into a backtrace; --output json streams one JSON object per line'
            cand diagnose 'Watch a device and the host signal on one channel: provision the device as master over its serial port, send it an offer from a host WebRTC viewer, and show both sides on one timeline with each phase''s duration and a verdict that names the first failing phase and its likely cause. The companion firmware checks its own network paths once CONNECTED (STUN, TURN over UDP, TCP and TLS with its bundle) and answers with a diagnostic answer that carries its ICE-lite candidates, which the host checks; a device that answers with media (a KVS C SDK master; --no-provision when it runs its own firmware) has its media path checked instead: ICE, DTLS, the data channel, the first frames and keyframe'
            cand virtual-device 'Run a virtual ESP32 on a pseudo-terminal: the companion firmware''s console (boot log, provisioning prompt, event lines, path checks, diagnostic SDP answers with its ICE-lite agent) with the core''s machines run by the host, against AWS or the emulator; or a board with a real WebRTC master (--answer media). `monitor` and `diagnose` work with it as with a board'
            cand cache 'Show or clear the endpoint cache'
            cand completions 'Print a shell completion script, e.g. `kvs-esp completions bash > /etc/bash_completion.d/kvs-esp`'
            cand emulator 'Run a local KVS on loopback: control plane, signaling API, SigV4 verification, TURN REST credentials, and WebRTC ingestion''s storage sessions (recorded under --state-dir); `emulator stats` asks a running one what it has served and recorded'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'kvs-esp;help;channel'= {
            cand create 'Create a signaling channel (CreateSignalingChannel)'
            cand describe 'Show a channel''s ARN, status, version and message TTL (DescribeSignalingChannel)'
            cand delete 'Delete a channel (DescribeSignalingChannel for the current version, then DeleteSignalingChannel)'
            cand list 'List channels, following every page (ListSignalingChannels)'
            cand storage 'Record the channel''s media into a Kinesis video stream, stop, or show where it goes (the channel''s media storage configuration). A recording channel''s master joins the storage session with JoinStorageSession and sends it H.264 video and Opus audio'
        }
        &'kvs-esp;help;channel;create'= {
        }
        &'kvs-esp;help;channel;describe'= {
        }
        &'kvs-esp;help;channel;delete'= {
        }
        &'kvs-esp;help;channel;list'= {
        }
        &'kvs-esp;help;channel;storage'= {
            cand enable 'Record the channel''s media into a stream (UpdateMediaStorageConfiguration, Status ENABLED). The stream must keep data (a retention above 0) and record no other channel'
            cand disable 'Stop recording the channel''s media (UpdateMediaStorageConfiguration, Status DISABLED)'
            cand describe 'Show whether the channel''s media is recorded, and into which stream (DescribeMediaStorageConfiguration)'
        }
        &'kvs-esp;help;channel;storage;enable'= {
        }
        &'kvs-esp;help;channel;storage;disable'= {
        }
        &'kvs-esp;help;channel;storage;describe'= {
        }
        &'kvs-esp;help;stream'= {
            cand create 'Create a stream (CreateStream)'
            cand describe 'Show a stream''s ARN, status, retention and version (DescribeStream)'
            cand delete 'Delete a stream (DescribeStream for the current version, then DeleteStream). A channel that recorded into it can no longer join its storage session'
            cand list 'List streams, following every page (ListStreams)'
        }
        &'kvs-esp;help;stream;create'= {
        }
        &'kvs-esp;help;stream;describe'= {
        }
        &'kvs-esp;help;stream;delete'= {
        }
        &'kvs-esp;help;stream;list'= {
        }
        &'kvs-esp;help;endpoint'= {
            cand get 'Get the WSS and HTTPS endpoints for a role; cached for 10 hours unless --no-cache'
        }
        &'kvs-esp;help;endpoint;get'= {
        }
        &'kvs-esp;help;ice-config'= {
            cand get 'Get TURN servers with short-lived credentials for a client'
        }
        &'kvs-esp;help;ice-config;get'= {
        }
        &'kvs-esp;help;signal'= {
            cand connect 'Connect and stay connected: print every received message as one JSON object per line on stdout; send the JSON lines read from stdin (or --send FILE), e.g. {"action":"SDP_OFFER","payload":{"type":"offer","sdp":"v=0…"}} or, as master, {"action":"ICE_CANDIDATE","recipient":"viewer-1","payload":{"candidate":"candidate:…"}}. Reconnects on drops, GO_AWAY and RECONNECT_ICE_SERVER; prints a metrics summary at exit'
            cand alexa-offer 'Send an SDP offer to the channel''s master with SendAlexaOfferToMaster (the HTTPS call an Alexa device uses instead of a WebSocket) and print the master''s answer. The master must be connected (or connect within the channel''s message TTL) and answer within 10 s'
        }
        &'kvs-esp;help;signal;connect'= {
        }
        &'kvs-esp;help;signal;alexa-offer'= {
        }
        &'kvs-esp;help;webrtc'= {
            cand connect 'Connect a WebRTC peer to a channel. As viewer: offer receive-only audio and video (H.264, VP8, Opus, PCMU, PCMA) and a data channel, trickle candidates (host, server-reflexive from STUN, relay from the channel''s TURN servers over UDP, TCP and TLS), and report every layer — candidates, pairs and their round trips, the nominated pair, DTLS, the data channel''s echo, each track''s first packet and keyframe and per-second figures. As master: answer every viewer (up to 10), send an H.264 and an Opus track (a built-in test clip, or --video/--audio files, looped), and echo the data channel — as the KVS C SDK''s sample master does. Ends with a verdict that names the first failing layer and its likely cause (exit 7)'
        }
        &'kvs-esp;help;webrtc;connect'= {
        }
        &'kvs-esp;help;turn-tls'= {
            cand probe 'For every turns:…?transport=tcp server of a channel (or one --uri): DNS, TCP, TLS (chain, version, cipher, anchoring root, whether ESP-IDF''s default bundle trusts it), TURN Allocate with long-term credentials, an optional relay round trip (--peer), and Refresh to release — each step timed'
        }
        &'kvs-esp;help;turn-tls;probe'= {
        }
        &'kvs-esp;help;doctor'= {
        }
        &'kvs-esp;help;flash'= {
        }
        &'kvs-esp;help;monitor'= {
        }
        &'kvs-esp;help;diagnose'= {
        }
        &'kvs-esp;help;virtual-device'= {
        }
        &'kvs-esp;help;cache'= {
            cand show 'List cached endpoint entries and when each expires'
            cand clear 'Remove every cached entry'
        }
        &'kvs-esp;help;cache;show'= {
        }
        &'kvs-esp;help;cache;clear'= {
        }
        &'kvs-esp;help;completions'= {
        }
        &'kvs-esp;help;emulator'= {
            cand stats 'Ask the emulator at --endpoint-url (or AWS_ENDPOINT_URL_KINESIS_VIDEO) what it has served: requests by operation, signaling connections and relayed messages, and per stream the storage sessions it recorded (frames, bytes, the last session''s directory and how it ended)'
        }
        &'kvs-esp;help;emulator;stats'= {
        }
        &'kvs-esp;help;help'= {
        }
    ]
    $completions[$command]
}
