
using namespace System.Management.Automation
using namespace System.Management.Automation.Language

Register-ArgumentCompleter -Native -CommandName 'kvs-esp' -ScriptBlock {
    param($wordToComplete, $commandAst, $cursorPosition)

    $commandElements = $commandAst.CommandElements
    $command = @(
        'kvs-esp'
        for ($i = 1; $i -lt $commandElements.Count; $i++) {
            $element = $commandElements[$i]
            if ($element -isnot [StringConstantExpressionAst] -or
                $element.StringConstantType -ne [StringConstantType]::BareWord -or
                $element.Value.StartsWith('-') -or
                $element.Value -eq $wordToComplete) {
                break
        }
        $element.Value
    }) -join ';'

    $completions = @(switch ($command) {
        'kvs-esp' {
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'AWS region (default: from AWS_REGION, AWS_DEFAULT_REGION or the profile)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Named profile from ~/.aws/config and ~/.aws/credentials')
            [CompletionResult]::new('--endpoint-url', '--endpoint-url', [CompletionResultType]::ParameterName, 'Control-plane endpoint, e.g. the emulator''s http://127.0.0.1:8480 [default: AWS_ENDPOINT_URL_KINESIS_VIDEO, then AWS_ENDPOINT_URL, then https://kinesisvideo.<region>.amazonaws.com]')
            [CompletionResult]::new('--ca-file', '--ca-file', [CompletionResultType]::ParameterName, 'A PEM file of extra CA certificates to trust, e.g. the emulator''s ca.pem (also AWS_CA_BUNDLE)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format: text for people, json for scripts (one JSON document per command)')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: text for people, json for scripts (one JSON document per command)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more: -v shows every API call as an event line, -vv adds debug detail')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more: -v shows every API call as an event line, -vv adds debug detail')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only results and errors, no warnings or notes')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only results and errors, no warnings or notes')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never colour the output (also NO_COLOR)')
            [CompletionResult]::new('--no-cache', '--no-cache', [CompletionResultType]::ParameterName, 'Skip the endpoint cache: always call DescribeSignalingChannel and GetSignalingChannelEndpoint')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('channel', 'channel', [CompletionResultType]::ParameterValue, 'Create, describe, list and delete signaling channels (the control plane)')
            [CompletionResult]::new('stream', 'stream', [CompletionResultType]::ParameterValue, 'Create, describe, list and delete Kinesis video streams: what a channel''s media is recorded into once `kvs-esp channel storage enable` names one (WebRTC ingestion)')
            [CompletionResult]::new('endpoint', 'endpoint', [CompletionResultType]::ParameterValue, 'Look up a channel''s signaling endpoints (GetSignalingChannelEndpoint)')
            [CompletionResult]::new('ice-config', 'ice-config', [CompletionResultType]::ParameterValue, 'Fetch TURN servers and credentials (GetIceServerConfig, on the channel''s HTTPS endpoint)')
            [CompletionResult]::new('signal', 'signal', [CompletionResultType]::ParameterValue, 'Run a WebSocket signaling session as master or viewer (messages in and out as JSON lines)')
            [CompletionResult]::new('webrtc', 'webrtc', [CompletionResultType]::ParameterValue, 'Run a real WebRTC peer over signaling (ICE, TURN, DTLS, data channel, RTP) and report, layer by layer, whether media flows and where it stops')
            [CompletionResult]::new('turn-tls', 'turn-tls', [CompletionResultType]::ParameterValue, 'Probe TURN over TLS as an ESP32 with its certificate bundle would use it')
            [CompletionResult]::new('doctor', 'doctor', [CompletionResultType]::ParameterValue, 'Run every check a KVS WebRTC connection depends on, in order, with one verdict each: credentials, region, DNS/TCP/TLS to the control plane, clock, the channel''s API calls, the WebSocket, TURN over TLS')
            [CompletionResult]::new('flash', 'flash', [CompletionResultType]::ParameterValue, 'Build the companion firmware for a board and flash it over the serial port (espflash''s stub loader, compressed, MD5-verified); --monitor then shows the device''s log and answers its provisioning prompt')
            [CompletionResult]::new('monitor', 'monitor', [CompletionResultType]::ParameterValue, 'Show an ESP32''s serial log: lines classified (ROM banner, ESP-IDF log, kvs events, panics), every code address symbolized from --elf and RISC-V stack dumps unwound into a backtrace; --output json streams one JSON object per line')
            [CompletionResult]::new('diagnose', 'diagnose', [CompletionResultType]::ParameterValue, 'Watch a device and the host signal on one channel: provision the device as master over its serial port, send it an offer from a host WebRTC viewer, and show both sides on one timeline with each phase''s duration and a verdict that names the first failing phase and its likely cause. The companion firmware checks its own network paths once CONNECTED (STUN, TURN over UDP, TCP and TLS with its bundle) and answers with a diagnostic answer that carries its ICE-lite candidates, which the host checks; a device that answers with media (a KVS C SDK master; --no-provision when it runs its own firmware) has its media path checked instead: ICE, DTLS, the data channel, the first frames and keyframe')
            [CompletionResult]::new('virtual-device', 'virtual-device', [CompletionResultType]::ParameterValue, 'Run a virtual ESP32 on a pseudo-terminal: the companion firmware''s console (boot log, provisioning prompt, event lines, path checks, diagnostic SDP answers with its ICE-lite agent) with the core''s machines run by the host, against AWS or the emulator; or a board with a real WebRTC master (--answer media). `monitor` and `diagnose` work with it as with a board')
            [CompletionResult]::new('cache', 'cache', [CompletionResultType]::ParameterValue, 'Show or clear the endpoint cache')
            [CompletionResult]::new('completions', 'completions', [CompletionResultType]::ParameterValue, 'Print a shell completion script, e.g. `kvs-esp completions bash > /etc/bash_completion.d/kvs-esp`')
            [CompletionResult]::new('emulator', 'emulator', [CompletionResultType]::ParameterValue, 'Run a local KVS on loopback: control plane, signaling API, SigV4 verification, TURN REST credentials, and WebRTC ingestion''s storage sessions (recorded under --state-dir); `emulator stats` asks a running one what it has served and recorded')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'kvs-esp;channel' {
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'AWS region (default: from AWS_REGION, AWS_DEFAULT_REGION or the profile)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Named profile from ~/.aws/config and ~/.aws/credentials')
            [CompletionResult]::new('--endpoint-url', '--endpoint-url', [CompletionResultType]::ParameterName, 'Control-plane endpoint, e.g. the emulator''s http://127.0.0.1:8480 [default: AWS_ENDPOINT_URL_KINESIS_VIDEO, then AWS_ENDPOINT_URL, then https://kinesisvideo.<region>.amazonaws.com]')
            [CompletionResult]::new('--ca-file', '--ca-file', [CompletionResultType]::ParameterName, 'A PEM file of extra CA certificates to trust, e.g. the emulator''s ca.pem (also AWS_CA_BUNDLE)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format: text for people, json for scripts (one JSON document per command)')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: text for people, json for scripts (one JSON document per command)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more: -v shows every API call as an event line, -vv adds debug detail')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more: -v shows every API call as an event line, -vv adds debug detail')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only results and errors, no warnings or notes')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only results and errors, no warnings or notes')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never colour the output (also NO_COLOR)')
            [CompletionResult]::new('--no-cache', '--no-cache', [CompletionResultType]::ParameterName, 'Skip the endpoint cache: always call DescribeSignalingChannel and GetSignalingChannelEndpoint')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('create', 'create', [CompletionResultType]::ParameterValue, 'Create a signaling channel (CreateSignalingChannel)')
            [CompletionResult]::new('describe', 'describe', [CompletionResultType]::ParameterValue, 'Show a channel''s ARN, status, version and message TTL (DescribeSignalingChannel)')
            [CompletionResult]::new('delete', 'delete', [CompletionResultType]::ParameterValue, 'Delete a channel (DescribeSignalingChannel for the current version, then DeleteSignalingChannel)')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List channels, following every page (ListSignalingChannels)')
            [CompletionResult]::new('storage', 'storage', [CompletionResultType]::ParameterValue, 'Record the channel''s media into a Kinesis video stream, stop, or show where it goes (the channel''s media storage configuration). A recording channel''s master joins the storage session with JoinStorageSession and sends it H.264 video and Opus audio')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'kvs-esp;channel;create' {
            [CompletionResult]::new('--type', '--type', [CompletionResultType]::ParameterName, 'Channel type')
            [CompletionResult]::new('--message-ttl', '--message-ttl', [CompletionResultType]::ParameterName, 'Seconds an undelivered message waits for its recipient (5–120)')
            [CompletionResult]::new('--tag', '--tag', [CompletionResultType]::ParameterName, 'A tag KEY=VALUE; repeat for more (at most 50)')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'AWS region (default: from AWS_REGION, AWS_DEFAULT_REGION or the profile)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Named profile from ~/.aws/config and ~/.aws/credentials')
            [CompletionResult]::new('--endpoint-url', '--endpoint-url', [CompletionResultType]::ParameterName, 'Control-plane endpoint, e.g. the emulator''s http://127.0.0.1:8480 [default: AWS_ENDPOINT_URL_KINESIS_VIDEO, then AWS_ENDPOINT_URL, then https://kinesisvideo.<region>.amazonaws.com]')
            [CompletionResult]::new('--ca-file', '--ca-file', [CompletionResultType]::ParameterName, 'A PEM file of extra CA certificates to trust, e.g. the emulator''s ca.pem (also AWS_CA_BUNDLE)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format: text for people, json for scripts (one JSON document per command)')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: text for people, json for scripts (one JSON document per command)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more: -v shows every API call as an event line, -vv adds debug detail')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more: -v shows every API call as an event line, -vv adds debug detail')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only results and errors, no warnings or notes')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only results and errors, no warnings or notes')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never colour the output (also NO_COLOR)')
            [CompletionResult]::new('--no-cache', '--no-cache', [CompletionResultType]::ParameterName, 'Skip the endpoint cache: always call DescribeSignalingChannel and GetSignalingChannelEndpoint')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'kvs-esp;channel;describe' {
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'AWS region (default: from AWS_REGION, AWS_DEFAULT_REGION or the profile)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Named profile from ~/.aws/config and ~/.aws/credentials')
            [CompletionResult]::new('--endpoint-url', '--endpoint-url', [CompletionResultType]::ParameterName, 'Control-plane endpoint, e.g. the emulator''s http://127.0.0.1:8480 [default: AWS_ENDPOINT_URL_KINESIS_VIDEO, then AWS_ENDPOINT_URL, then https://kinesisvideo.<region>.amazonaws.com]')
            [CompletionResult]::new('--ca-file', '--ca-file', [CompletionResultType]::ParameterName, 'A PEM file of extra CA certificates to trust, e.g. the emulator''s ca.pem (also AWS_CA_BUNDLE)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format: text for people, json for scripts (one JSON document per command)')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: text for people, json for scripts (one JSON document per command)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more: -v shows every API call as an event line, -vv adds debug detail')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more: -v shows every API call as an event line, -vv adds debug detail')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only results and errors, no warnings or notes')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only results and errors, no warnings or notes')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never colour the output (also NO_COLOR)')
            [CompletionResult]::new('--no-cache', '--no-cache', [CompletionResultType]::ParameterName, 'Skip the endpoint cache: always call DescribeSignalingChannel and GetSignalingChannelEndpoint')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'kvs-esp;channel;delete' {
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'AWS region (default: from AWS_REGION, AWS_DEFAULT_REGION or the profile)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Named profile from ~/.aws/config and ~/.aws/credentials')
            [CompletionResult]::new('--endpoint-url', '--endpoint-url', [CompletionResultType]::ParameterName, 'Control-plane endpoint, e.g. the emulator''s http://127.0.0.1:8480 [default: AWS_ENDPOINT_URL_KINESIS_VIDEO, then AWS_ENDPOINT_URL, then https://kinesisvideo.<region>.amazonaws.com]')
            [CompletionResult]::new('--ca-file', '--ca-file', [CompletionResultType]::ParameterName, 'A PEM file of extra CA certificates to trust, e.g. the emulator''s ca.pem (also AWS_CA_BUNDLE)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format: text for people, json for scripts (one JSON document per command)')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: text for people, json for scripts (one JSON document per command)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more: -v shows every API call as an event line, -vv adds debug detail')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more: -v shows every API call as an event line, -vv adds debug detail')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only results and errors, no warnings or notes')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only results and errors, no warnings or notes')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never colour the output (also NO_COLOR)')
            [CompletionResult]::new('--no-cache', '--no-cache', [CompletionResultType]::ParameterName, 'Skip the endpoint cache: always call DescribeSignalingChannel and GetSignalingChannelEndpoint')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'kvs-esp;channel;list' {
            [CompletionResult]::new('--prefix', '--prefix', [CompletionResultType]::ParameterName, 'Only channels whose name begins with this')
            [CompletionResult]::new('--page-size', '--page-size', [CompletionResultType]::ParameterName, 'Channels asked for per ListSignalingChannels call (1–10000)')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'AWS region (default: from AWS_REGION, AWS_DEFAULT_REGION or the profile)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Named profile from ~/.aws/config and ~/.aws/credentials')
            [CompletionResult]::new('--endpoint-url', '--endpoint-url', [CompletionResultType]::ParameterName, 'Control-plane endpoint, e.g. the emulator''s http://127.0.0.1:8480 [default: AWS_ENDPOINT_URL_KINESIS_VIDEO, then AWS_ENDPOINT_URL, then https://kinesisvideo.<region>.amazonaws.com]')
            [CompletionResult]::new('--ca-file', '--ca-file', [CompletionResultType]::ParameterName, 'A PEM file of extra CA certificates to trust, e.g. the emulator''s ca.pem (also AWS_CA_BUNDLE)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format: text for people, json for scripts (one JSON document per command)')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: text for people, json for scripts (one JSON document per command)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more: -v shows every API call as an event line, -vv adds debug detail')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more: -v shows every API call as an event line, -vv adds debug detail')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only results and errors, no warnings or notes')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only results and errors, no warnings or notes')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never colour the output (also NO_COLOR)')
            [CompletionResult]::new('--no-cache', '--no-cache', [CompletionResultType]::ParameterName, 'Skip the endpoint cache: always call DescribeSignalingChannel and GetSignalingChannelEndpoint')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'kvs-esp;channel;storage' {
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'AWS region (default: from AWS_REGION, AWS_DEFAULT_REGION or the profile)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Named profile from ~/.aws/config and ~/.aws/credentials')
            [CompletionResult]::new('--endpoint-url', '--endpoint-url', [CompletionResultType]::ParameterName, 'Control-plane endpoint, e.g. the emulator''s http://127.0.0.1:8480 [default: AWS_ENDPOINT_URL_KINESIS_VIDEO, then AWS_ENDPOINT_URL, then https://kinesisvideo.<region>.amazonaws.com]')
            [CompletionResult]::new('--ca-file', '--ca-file', [CompletionResultType]::ParameterName, 'A PEM file of extra CA certificates to trust, e.g. the emulator''s ca.pem (also AWS_CA_BUNDLE)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format: text for people, json for scripts (one JSON document per command)')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: text for people, json for scripts (one JSON document per command)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more: -v shows every API call as an event line, -vv adds debug detail')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more: -v shows every API call as an event line, -vv adds debug detail')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only results and errors, no warnings or notes')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only results and errors, no warnings or notes')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never colour the output (also NO_COLOR)')
            [CompletionResult]::new('--no-cache', '--no-cache', [CompletionResultType]::ParameterName, 'Skip the endpoint cache: always call DescribeSignalingChannel and GetSignalingChannelEndpoint')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('enable', 'enable', [CompletionResultType]::ParameterValue, 'Record the channel''s media into a stream (UpdateMediaStorageConfiguration, Status ENABLED). The stream must keep data (a retention above 0) and record no other channel')
            [CompletionResult]::new('disable', 'disable', [CompletionResultType]::ParameterValue, 'Stop recording the channel''s media (UpdateMediaStorageConfiguration, Status DISABLED)')
            [CompletionResult]::new('describe', 'describe', [CompletionResultType]::ParameterValue, 'Show whether the channel''s media is recorded, and into which stream (DescribeMediaStorageConfiguration)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'kvs-esp;channel;storage;enable' {
            [CompletionResult]::new('--stream', '--stream', [CompletionResultType]::ParameterName, 'The stream, by name or ARN (`kvs-esp stream create` makes one)')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'AWS region (default: from AWS_REGION, AWS_DEFAULT_REGION or the profile)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Named profile from ~/.aws/config and ~/.aws/credentials')
            [CompletionResult]::new('--endpoint-url', '--endpoint-url', [CompletionResultType]::ParameterName, 'Control-plane endpoint, e.g. the emulator''s http://127.0.0.1:8480 [default: AWS_ENDPOINT_URL_KINESIS_VIDEO, then AWS_ENDPOINT_URL, then https://kinesisvideo.<region>.amazonaws.com]')
            [CompletionResult]::new('--ca-file', '--ca-file', [CompletionResultType]::ParameterName, 'A PEM file of extra CA certificates to trust, e.g. the emulator''s ca.pem (also AWS_CA_BUNDLE)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format: text for people, json for scripts (one JSON document per command)')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: text for people, json for scripts (one JSON document per command)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more: -v shows every API call as an event line, -vv adds debug detail')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more: -v shows every API call as an event line, -vv adds debug detail')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only results and errors, no warnings or notes')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only results and errors, no warnings or notes')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never colour the output (also NO_COLOR)')
            [CompletionResult]::new('--no-cache', '--no-cache', [CompletionResultType]::ParameterName, 'Skip the endpoint cache: always call DescribeSignalingChannel and GetSignalingChannelEndpoint')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'kvs-esp;channel;storage;disable' {
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'AWS region (default: from AWS_REGION, AWS_DEFAULT_REGION or the profile)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Named profile from ~/.aws/config and ~/.aws/credentials')
            [CompletionResult]::new('--endpoint-url', '--endpoint-url', [CompletionResultType]::ParameterName, 'Control-plane endpoint, e.g. the emulator''s http://127.0.0.1:8480 [default: AWS_ENDPOINT_URL_KINESIS_VIDEO, then AWS_ENDPOINT_URL, then https://kinesisvideo.<region>.amazonaws.com]')
            [CompletionResult]::new('--ca-file', '--ca-file', [CompletionResultType]::ParameterName, 'A PEM file of extra CA certificates to trust, e.g. the emulator''s ca.pem (also AWS_CA_BUNDLE)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format: text for people, json for scripts (one JSON document per command)')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: text for people, json for scripts (one JSON document per command)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more: -v shows every API call as an event line, -vv adds debug detail')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more: -v shows every API call as an event line, -vv adds debug detail')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only results and errors, no warnings or notes')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only results and errors, no warnings or notes')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never colour the output (also NO_COLOR)')
            [CompletionResult]::new('--no-cache', '--no-cache', [CompletionResultType]::ParameterName, 'Skip the endpoint cache: always call DescribeSignalingChannel and GetSignalingChannelEndpoint')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'kvs-esp;channel;storage;describe' {
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'AWS region (default: from AWS_REGION, AWS_DEFAULT_REGION or the profile)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Named profile from ~/.aws/config and ~/.aws/credentials')
            [CompletionResult]::new('--endpoint-url', '--endpoint-url', [CompletionResultType]::ParameterName, 'Control-plane endpoint, e.g. the emulator''s http://127.0.0.1:8480 [default: AWS_ENDPOINT_URL_KINESIS_VIDEO, then AWS_ENDPOINT_URL, then https://kinesisvideo.<region>.amazonaws.com]')
            [CompletionResult]::new('--ca-file', '--ca-file', [CompletionResultType]::ParameterName, 'A PEM file of extra CA certificates to trust, e.g. the emulator''s ca.pem (also AWS_CA_BUNDLE)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format: text for people, json for scripts (one JSON document per command)')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: text for people, json for scripts (one JSON document per command)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more: -v shows every API call as an event line, -vv adds debug detail')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more: -v shows every API call as an event line, -vv adds debug detail')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only results and errors, no warnings or notes')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only results and errors, no warnings or notes')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never colour the output (also NO_COLOR)')
            [CompletionResult]::new('--no-cache', '--no-cache', [CompletionResultType]::ParameterName, 'Skip the endpoint cache: always call DescribeSignalingChannel and GetSignalingChannelEndpoint')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'kvs-esp;channel;storage;help' {
            [CompletionResult]::new('enable', 'enable', [CompletionResultType]::ParameterValue, 'Record the channel''s media into a stream (UpdateMediaStorageConfiguration, Status ENABLED). The stream must keep data (a retention above 0) and record no other channel')
            [CompletionResult]::new('disable', 'disable', [CompletionResultType]::ParameterValue, 'Stop recording the channel''s media (UpdateMediaStorageConfiguration, Status DISABLED)')
            [CompletionResult]::new('describe', 'describe', [CompletionResultType]::ParameterValue, 'Show whether the channel''s media is recorded, and into which stream (DescribeMediaStorageConfiguration)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'kvs-esp;channel;storage;help;enable' {
            break
        }
        'kvs-esp;channel;storage;help;disable' {
            break
        }
        'kvs-esp;channel;storage;help;describe' {
            break
        }
        'kvs-esp;channel;storage;help;help' {
            break
        }
        'kvs-esp;channel;help' {
            [CompletionResult]::new('create', 'create', [CompletionResultType]::ParameterValue, 'Create a signaling channel (CreateSignalingChannel)')
            [CompletionResult]::new('describe', 'describe', [CompletionResultType]::ParameterValue, 'Show a channel''s ARN, status, version and message TTL (DescribeSignalingChannel)')
            [CompletionResult]::new('delete', 'delete', [CompletionResultType]::ParameterValue, 'Delete a channel (DescribeSignalingChannel for the current version, then DeleteSignalingChannel)')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List channels, following every page (ListSignalingChannels)')
            [CompletionResult]::new('storage', 'storage', [CompletionResultType]::ParameterValue, 'Record the channel''s media into a Kinesis video stream, stop, or show where it goes (the channel''s media storage configuration). A recording channel''s master joins the storage session with JoinStorageSession and sends it H.264 video and Opus audio')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'kvs-esp;channel;help;create' {
            break
        }
        'kvs-esp;channel;help;describe' {
            break
        }
        'kvs-esp;channel;help;delete' {
            break
        }
        'kvs-esp;channel;help;list' {
            break
        }
        'kvs-esp;channel;help;storage' {
            [CompletionResult]::new('enable', 'enable', [CompletionResultType]::ParameterValue, 'Record the channel''s media into a stream (UpdateMediaStorageConfiguration, Status ENABLED). The stream must keep data (a retention above 0) and record no other channel')
            [CompletionResult]::new('disable', 'disable', [CompletionResultType]::ParameterValue, 'Stop recording the channel''s media (UpdateMediaStorageConfiguration, Status DISABLED)')
            [CompletionResult]::new('describe', 'describe', [CompletionResultType]::ParameterValue, 'Show whether the channel''s media is recorded, and into which stream (DescribeMediaStorageConfiguration)')
            break
        }
        'kvs-esp;channel;help;storage;enable' {
            break
        }
        'kvs-esp;channel;help;storage;disable' {
            break
        }
        'kvs-esp;channel;help;storage;describe' {
            break
        }
        'kvs-esp;channel;help;help' {
            break
        }
        'kvs-esp;stream' {
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'AWS region (default: from AWS_REGION, AWS_DEFAULT_REGION or the profile)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Named profile from ~/.aws/config and ~/.aws/credentials')
            [CompletionResult]::new('--endpoint-url', '--endpoint-url', [CompletionResultType]::ParameterName, 'Control-plane endpoint, e.g. the emulator''s http://127.0.0.1:8480 [default: AWS_ENDPOINT_URL_KINESIS_VIDEO, then AWS_ENDPOINT_URL, then https://kinesisvideo.<region>.amazonaws.com]')
            [CompletionResult]::new('--ca-file', '--ca-file', [CompletionResultType]::ParameterName, 'A PEM file of extra CA certificates to trust, e.g. the emulator''s ca.pem (also AWS_CA_BUNDLE)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format: text for people, json for scripts (one JSON document per command)')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: text for people, json for scripts (one JSON document per command)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more: -v shows every API call as an event line, -vv adds debug detail')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more: -v shows every API call as an event line, -vv adds debug detail')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only results and errors, no warnings or notes')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only results and errors, no warnings or notes')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never colour the output (also NO_COLOR)')
            [CompletionResult]::new('--no-cache', '--no-cache', [CompletionResultType]::ParameterName, 'Skip the endpoint cache: always call DescribeSignalingChannel and GetSignalingChannelEndpoint')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('create', 'create', [CompletionResultType]::ParameterValue, 'Create a stream (CreateStream)')
            [CompletionResult]::new('describe', 'describe', [CompletionResultType]::ParameterValue, 'Show a stream''s ARN, status, retention and version (DescribeStream)')
            [CompletionResult]::new('delete', 'delete', [CompletionResultType]::ParameterValue, 'Delete a stream (DescribeStream for the current version, then DeleteStream). A channel that recorded into it can no longer join its storage session')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List streams, following every page (ListStreams)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'kvs-esp;stream;create' {
            [CompletionResult]::new('--retention-hours', '--retention-hours', [CompletionResultType]::ParameterName, 'Hours the stream keeps its media. 0 keeps nothing, and a stream that keeps nothing cannot record a channel (the service''s default is 0; this command''s is 24)')
            [CompletionResult]::new('--media-type', '--media-type', [CompletionResultType]::ParameterName, 'The media type the stream is told to expect, e.g. video/h264 (a hint for players; the service does not check the media against it)')
            [CompletionResult]::new('--device-name', '--device-name', [CompletionResultType]::ParameterName, 'The device that writes to the stream: 1–128 of A–Z a–z 0–9 _ . -')
            [CompletionResult]::new('--kms-key-id', '--kms-key-id', [CompletionResultType]::ParameterName, 'The KMS key that encrypts the stored media [default: the account''s aws/kinesisvideo key]')
            [CompletionResult]::new('--tag', '--tag', [CompletionResultType]::ParameterName, 'A tag KEY=VALUE; repeat for more (at most 50)')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'AWS region (default: from AWS_REGION, AWS_DEFAULT_REGION or the profile)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Named profile from ~/.aws/config and ~/.aws/credentials')
            [CompletionResult]::new('--endpoint-url', '--endpoint-url', [CompletionResultType]::ParameterName, 'Control-plane endpoint, e.g. the emulator''s http://127.0.0.1:8480 [default: AWS_ENDPOINT_URL_KINESIS_VIDEO, then AWS_ENDPOINT_URL, then https://kinesisvideo.<region>.amazonaws.com]')
            [CompletionResult]::new('--ca-file', '--ca-file', [CompletionResultType]::ParameterName, 'A PEM file of extra CA certificates to trust, e.g. the emulator''s ca.pem (also AWS_CA_BUNDLE)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format: text for people, json for scripts (one JSON document per command)')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: text for people, json for scripts (one JSON document per command)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more: -v shows every API call as an event line, -vv adds debug detail')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more: -v shows every API call as an event line, -vv adds debug detail')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only results and errors, no warnings or notes')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only results and errors, no warnings or notes')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never colour the output (also NO_COLOR)')
            [CompletionResult]::new('--no-cache', '--no-cache', [CompletionResultType]::ParameterName, 'Skip the endpoint cache: always call DescribeSignalingChannel and GetSignalingChannelEndpoint')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'kvs-esp;stream;describe' {
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'AWS region (default: from AWS_REGION, AWS_DEFAULT_REGION or the profile)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Named profile from ~/.aws/config and ~/.aws/credentials')
            [CompletionResult]::new('--endpoint-url', '--endpoint-url', [CompletionResultType]::ParameterName, 'Control-plane endpoint, e.g. the emulator''s http://127.0.0.1:8480 [default: AWS_ENDPOINT_URL_KINESIS_VIDEO, then AWS_ENDPOINT_URL, then https://kinesisvideo.<region>.amazonaws.com]')
            [CompletionResult]::new('--ca-file', '--ca-file', [CompletionResultType]::ParameterName, 'A PEM file of extra CA certificates to trust, e.g. the emulator''s ca.pem (also AWS_CA_BUNDLE)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format: text for people, json for scripts (one JSON document per command)')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: text for people, json for scripts (one JSON document per command)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more: -v shows every API call as an event line, -vv adds debug detail')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more: -v shows every API call as an event line, -vv adds debug detail')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only results and errors, no warnings or notes')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only results and errors, no warnings or notes')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never colour the output (also NO_COLOR)')
            [CompletionResult]::new('--no-cache', '--no-cache', [CompletionResultType]::ParameterName, 'Skip the endpoint cache: always call DescribeSignalingChannel and GetSignalingChannelEndpoint')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'kvs-esp;stream;delete' {
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'AWS region (default: from AWS_REGION, AWS_DEFAULT_REGION or the profile)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Named profile from ~/.aws/config and ~/.aws/credentials')
            [CompletionResult]::new('--endpoint-url', '--endpoint-url', [CompletionResultType]::ParameterName, 'Control-plane endpoint, e.g. the emulator''s http://127.0.0.1:8480 [default: AWS_ENDPOINT_URL_KINESIS_VIDEO, then AWS_ENDPOINT_URL, then https://kinesisvideo.<region>.amazonaws.com]')
            [CompletionResult]::new('--ca-file', '--ca-file', [CompletionResultType]::ParameterName, 'A PEM file of extra CA certificates to trust, e.g. the emulator''s ca.pem (also AWS_CA_BUNDLE)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format: text for people, json for scripts (one JSON document per command)')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: text for people, json for scripts (one JSON document per command)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more: -v shows every API call as an event line, -vv adds debug detail')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more: -v shows every API call as an event line, -vv adds debug detail')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only results and errors, no warnings or notes')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only results and errors, no warnings or notes')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never colour the output (also NO_COLOR)')
            [CompletionResult]::new('--no-cache', '--no-cache', [CompletionResultType]::ParameterName, 'Skip the endpoint cache: always call DescribeSignalingChannel and GetSignalingChannelEndpoint')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'kvs-esp;stream;list' {
            [CompletionResult]::new('--prefix', '--prefix', [CompletionResultType]::ParameterName, 'Only streams whose name begins with this')
            [CompletionResult]::new('--page-size', '--page-size', [CompletionResultType]::ParameterName, 'Streams asked for per ListStreams call (1–10000)')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'AWS region (default: from AWS_REGION, AWS_DEFAULT_REGION or the profile)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Named profile from ~/.aws/config and ~/.aws/credentials')
            [CompletionResult]::new('--endpoint-url', '--endpoint-url', [CompletionResultType]::ParameterName, 'Control-plane endpoint, e.g. the emulator''s http://127.0.0.1:8480 [default: AWS_ENDPOINT_URL_KINESIS_VIDEO, then AWS_ENDPOINT_URL, then https://kinesisvideo.<region>.amazonaws.com]')
            [CompletionResult]::new('--ca-file', '--ca-file', [CompletionResultType]::ParameterName, 'A PEM file of extra CA certificates to trust, e.g. the emulator''s ca.pem (also AWS_CA_BUNDLE)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format: text for people, json for scripts (one JSON document per command)')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: text for people, json for scripts (one JSON document per command)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more: -v shows every API call as an event line, -vv adds debug detail')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more: -v shows every API call as an event line, -vv adds debug detail')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only results and errors, no warnings or notes')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only results and errors, no warnings or notes')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never colour the output (also NO_COLOR)')
            [CompletionResult]::new('--no-cache', '--no-cache', [CompletionResultType]::ParameterName, 'Skip the endpoint cache: always call DescribeSignalingChannel and GetSignalingChannelEndpoint')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'kvs-esp;stream;help' {
            [CompletionResult]::new('create', 'create', [CompletionResultType]::ParameterValue, 'Create a stream (CreateStream)')
            [CompletionResult]::new('describe', 'describe', [CompletionResultType]::ParameterValue, 'Show a stream''s ARN, status, retention and version (DescribeStream)')
            [CompletionResult]::new('delete', 'delete', [CompletionResultType]::ParameterValue, 'Delete a stream (DescribeStream for the current version, then DeleteStream). A channel that recorded into it can no longer join its storage session')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List streams, following every page (ListStreams)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'kvs-esp;stream;help;create' {
            break
        }
        'kvs-esp;stream;help;describe' {
            break
        }
        'kvs-esp;stream;help;delete' {
            break
        }
        'kvs-esp;stream;help;list' {
            break
        }
        'kvs-esp;stream;help;help' {
            break
        }
        'kvs-esp;endpoint' {
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'AWS region (default: from AWS_REGION, AWS_DEFAULT_REGION or the profile)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Named profile from ~/.aws/config and ~/.aws/credentials')
            [CompletionResult]::new('--endpoint-url', '--endpoint-url', [CompletionResultType]::ParameterName, 'Control-plane endpoint, e.g. the emulator''s http://127.0.0.1:8480 [default: AWS_ENDPOINT_URL_KINESIS_VIDEO, then AWS_ENDPOINT_URL, then https://kinesisvideo.<region>.amazonaws.com]')
            [CompletionResult]::new('--ca-file', '--ca-file', [CompletionResultType]::ParameterName, 'A PEM file of extra CA certificates to trust, e.g. the emulator''s ca.pem (also AWS_CA_BUNDLE)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format: text for people, json for scripts (one JSON document per command)')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: text for people, json for scripts (one JSON document per command)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more: -v shows every API call as an event line, -vv adds debug detail')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more: -v shows every API call as an event line, -vv adds debug detail')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only results and errors, no warnings or notes')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only results and errors, no warnings or notes')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never colour the output (also NO_COLOR)')
            [CompletionResult]::new('--no-cache', '--no-cache', [CompletionResultType]::ParameterName, 'Skip the endpoint cache: always call DescribeSignalingChannel and GetSignalingChannelEndpoint')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('get', 'get', [CompletionResultType]::ParameterValue, 'Get the WSS and HTTPS endpoints for a role; cached for 10 hours unless --no-cache')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'kvs-esp;endpoint;get' {
            [CompletionResult]::new('-c', '-c', [CompletionResultType]::ParameterName, 'Channel name or ARN')
            [CompletionResult]::new('--channel', '--channel', [CompletionResultType]::ParameterName, 'Channel name or ARN')
            [CompletionResult]::new('-r', '-r', [CompletionResultType]::ParameterName, 'The role the endpoints are for')
            [CompletionResult]::new('--role', '--role', [CompletionResultType]::ParameterName, 'The role the endpoints are for')
            [CompletionResult]::new('--protocols', '--protocols', [CompletionResultType]::ParameterName, 'Protocols to ask for (WEBRTC needs a channel configured for ingestion; always asked of the service)')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'AWS region (default: from AWS_REGION, AWS_DEFAULT_REGION or the profile)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Named profile from ~/.aws/config and ~/.aws/credentials')
            [CompletionResult]::new('--endpoint-url', '--endpoint-url', [CompletionResultType]::ParameterName, 'Control-plane endpoint, e.g. the emulator''s http://127.0.0.1:8480 [default: AWS_ENDPOINT_URL_KINESIS_VIDEO, then AWS_ENDPOINT_URL, then https://kinesisvideo.<region>.amazonaws.com]')
            [CompletionResult]::new('--ca-file', '--ca-file', [CompletionResultType]::ParameterName, 'A PEM file of extra CA certificates to trust, e.g. the emulator''s ca.pem (also AWS_CA_BUNDLE)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format: text for people, json for scripts (one JSON document per command)')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: text for people, json for scripts (one JSON document per command)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more: -v shows every API call as an event line, -vv adds debug detail')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more: -v shows every API call as an event line, -vv adds debug detail')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only results and errors, no warnings or notes')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only results and errors, no warnings or notes')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never colour the output (also NO_COLOR)')
            [CompletionResult]::new('--no-cache', '--no-cache', [CompletionResultType]::ParameterName, 'Skip the endpoint cache: always call DescribeSignalingChannel and GetSignalingChannelEndpoint')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'kvs-esp;endpoint;help' {
            [CompletionResult]::new('get', 'get', [CompletionResultType]::ParameterValue, 'Get the WSS and HTTPS endpoints for a role; cached for 10 hours unless --no-cache')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'kvs-esp;endpoint;help;get' {
            break
        }
        'kvs-esp;endpoint;help;help' {
            break
        }
        'kvs-esp;ice-config' {
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'AWS region (default: from AWS_REGION, AWS_DEFAULT_REGION or the profile)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Named profile from ~/.aws/config and ~/.aws/credentials')
            [CompletionResult]::new('--endpoint-url', '--endpoint-url', [CompletionResultType]::ParameterName, 'Control-plane endpoint, e.g. the emulator''s http://127.0.0.1:8480 [default: AWS_ENDPOINT_URL_KINESIS_VIDEO, then AWS_ENDPOINT_URL, then https://kinesisvideo.<region>.amazonaws.com]')
            [CompletionResult]::new('--ca-file', '--ca-file', [CompletionResultType]::ParameterName, 'A PEM file of extra CA certificates to trust, e.g. the emulator''s ca.pem (also AWS_CA_BUNDLE)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format: text for people, json for scripts (one JSON document per command)')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: text for people, json for scripts (one JSON document per command)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more: -v shows every API call as an event line, -vv adds debug detail')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more: -v shows every API call as an event line, -vv adds debug detail')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only results and errors, no warnings or notes')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only results and errors, no warnings or notes')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never colour the output (also NO_COLOR)')
            [CompletionResult]::new('--no-cache', '--no-cache', [CompletionResultType]::ParameterName, 'Skip the endpoint cache: always call DescribeSignalingChannel and GetSignalingChannelEndpoint')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('get', 'get', [CompletionResultType]::ParameterValue, 'Get TURN servers with short-lived credentials for a client')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'kvs-esp;ice-config;get' {
            [CompletionResult]::new('-c', '-c', [CompletionResultType]::ParameterName, 'Channel name or ARN')
            [CompletionResult]::new('--channel', '--channel', [CompletionResultType]::ParameterName, 'Channel name or ARN')
            [CompletionResult]::new('-r', '-r', [CompletionResultType]::ParameterName, 'The role whose HTTPS endpoint is asked')
            [CompletionResult]::new('--role', '--role', [CompletionResultType]::ParameterName, 'The role whose HTTPS endpoint is asked')
            [CompletionResult]::new('--client-id', '--client-id', [CompletionResultType]::ParameterName, 'Client id sent as ClientId (1–256 of A–Z a–z 0–9 _ . -, not starting with AWS_)')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'AWS region (default: from AWS_REGION, AWS_DEFAULT_REGION or the profile)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Named profile from ~/.aws/config and ~/.aws/credentials')
            [CompletionResult]::new('--endpoint-url', '--endpoint-url', [CompletionResultType]::ParameterName, 'Control-plane endpoint, e.g. the emulator''s http://127.0.0.1:8480 [default: AWS_ENDPOINT_URL_KINESIS_VIDEO, then AWS_ENDPOINT_URL, then https://kinesisvideo.<region>.amazonaws.com]')
            [CompletionResult]::new('--ca-file', '--ca-file', [CompletionResultType]::ParameterName, 'A PEM file of extra CA certificates to trust, e.g. the emulator''s ca.pem (also AWS_CA_BUNDLE)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format: text for people, json for scripts (one JSON document per command)')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: text for people, json for scripts (one JSON document per command)')
            [CompletionResult]::new('--show-passwords', '--show-passwords', [CompletionResultType]::ParameterName, 'Print TURN passwords instead of hiding them')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more: -v shows every API call as an event line, -vv adds debug detail')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more: -v shows every API call as an event line, -vv adds debug detail')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only results and errors, no warnings or notes')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only results and errors, no warnings or notes')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never colour the output (also NO_COLOR)')
            [CompletionResult]::new('--no-cache', '--no-cache', [CompletionResultType]::ParameterName, 'Skip the endpoint cache: always call DescribeSignalingChannel and GetSignalingChannelEndpoint')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'kvs-esp;ice-config;help' {
            [CompletionResult]::new('get', 'get', [CompletionResultType]::ParameterValue, 'Get TURN servers with short-lived credentials for a client')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'kvs-esp;ice-config;help;get' {
            break
        }
        'kvs-esp;ice-config;help;help' {
            break
        }
        'kvs-esp;signal' {
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'AWS region (default: from AWS_REGION, AWS_DEFAULT_REGION or the profile)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Named profile from ~/.aws/config and ~/.aws/credentials')
            [CompletionResult]::new('--endpoint-url', '--endpoint-url', [CompletionResultType]::ParameterName, 'Control-plane endpoint, e.g. the emulator''s http://127.0.0.1:8480 [default: AWS_ENDPOINT_URL_KINESIS_VIDEO, then AWS_ENDPOINT_URL, then https://kinesisvideo.<region>.amazonaws.com]')
            [CompletionResult]::new('--ca-file', '--ca-file', [CompletionResultType]::ParameterName, 'A PEM file of extra CA certificates to trust, e.g. the emulator''s ca.pem (also AWS_CA_BUNDLE)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format: text for people, json for scripts (one JSON document per command)')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: text for people, json for scripts (one JSON document per command)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more: -v shows every API call as an event line, -vv adds debug detail')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more: -v shows every API call as an event line, -vv adds debug detail')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only results and errors, no warnings or notes')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only results and errors, no warnings or notes')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never colour the output (also NO_COLOR)')
            [CompletionResult]::new('--no-cache', '--no-cache', [CompletionResultType]::ParameterName, 'Skip the endpoint cache: always call DescribeSignalingChannel and GetSignalingChannelEndpoint')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('connect', 'connect', [CompletionResultType]::ParameterValue, 'Connect and stay connected: print every received message as one JSON object per line on stdout; send the JSON lines read from stdin (or --send FILE), e.g. {"action":"SDP_OFFER","payload":{"type":"offer","sdp":"v=0…"}} or, as master, {"action":"ICE_CANDIDATE","recipient":"viewer-1","payload":{"candidate":"candidate:…"}}. Reconnects on drops, GO_AWAY and RECONNECT_ICE_SERVER; prints a metrics summary at exit')
            [CompletionResult]::new('alexa-offer', 'alexa-offer', [CompletionResultType]::ParameterValue, 'Send an SDP offer to the channel''s master with SendAlexaOfferToMaster (the HTTPS call an Alexa device uses instead of a WebSocket) and print the master''s answer. The master must be connected (or connect within the channel''s message TTL) and answer within 10 s')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'kvs-esp;signal;connect' {
            [CompletionResult]::new('-c', '-c', [CompletionResultType]::ParameterName, 'Channel name or ARN')
            [CompletionResult]::new('--channel', '--channel', [CompletionResultType]::ParameterName, 'Channel name or ARN')
            [CompletionResult]::new('-r', '-r', [CompletionResultType]::ParameterName, 'The role to connect as')
            [CompletionResult]::new('--role', '--role', [CompletionResultType]::ParameterName, 'The role to connect as')
            [CompletionResult]::new('--client-id', '--client-id', [CompletionResultType]::ParameterName, 'Client id (a viewer''s X-Amz-ClientId; both roles send it to GetIceServerConfig) [default: a random viewer-xxxxxxxx for viewers, kvs-esp-master for masters]')
            [CompletionResult]::new('--message-ttl', '--message-ttl', [CompletionResultType]::ParameterName, 'Message TTL for a channel made by --create-if-missing (5–120 seconds)')
            [CompletionResult]::new('--send', '--send', [CompletionResultType]::ParameterName, 'Send the JSON lines of this file (after connecting) instead of reading stdin')
            [CompletionResult]::new('--offer', '--offer', [CompletionResultType]::ParameterName, 'As viewer: send this SDP offer once connected (an SDP text, or {"type":"offer","sdp":…} JSON)')
            [CompletionResult]::new('--answer', '--answer', [CompletionResultType]::ParameterName, 'As master: answer every SDP offer with this SDP (an SDP text, or {"type":"answer","sdp":…} JSON)')
            [CompletionResult]::new('--until', '--until', [CompletionResultType]::ParameterName, 'End the session: `connected` (once connected), `answer` (once an SDP answer is received or sent), a number of received messages, or a duration such as 30s, 500ms or 2m [default: run until Ctrl-C]')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'AWS region (default: from AWS_REGION, AWS_DEFAULT_REGION or the profile)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Named profile from ~/.aws/config and ~/.aws/credentials')
            [CompletionResult]::new('--endpoint-url', '--endpoint-url', [CompletionResultType]::ParameterName, 'Control-plane endpoint, e.g. the emulator''s http://127.0.0.1:8480 [default: AWS_ENDPOINT_URL_KINESIS_VIDEO, then AWS_ENDPOINT_URL, then https://kinesisvideo.<region>.amazonaws.com]')
            [CompletionResult]::new('--ca-file', '--ca-file', [CompletionResultType]::ParameterName, 'A PEM file of extra CA certificates to trust, e.g. the emulator''s ca.pem (also AWS_CA_BUNDLE)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format: text for people, json for scripts (one JSON document per command)')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: text for people, json for scripts (one JSON document per command)')
            [CompletionResult]::new('--create-if-missing', '--create-if-missing', [CompletionResultType]::ParameterName, 'Create the channel (SINGLE_MASTER, --message-ttl) when it does not exist')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more: -v shows every API call as an event line, -vv adds debug detail')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more: -v shows every API call as an event line, -vv adds debug detail')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only results and errors, no warnings or notes')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only results and errors, no warnings or notes')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never colour the output (also NO_COLOR)')
            [CompletionResult]::new('--no-cache', '--no-cache', [CompletionResultType]::ParameterName, 'Skip the endpoint cache: always call DescribeSignalingChannel and GetSignalingChannelEndpoint')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'kvs-esp;signal;alexa-offer' {
            [CompletionResult]::new('-c', '-c', [CompletionResultType]::ParameterName, 'Channel name or ARN')
            [CompletionResult]::new('--channel', '--channel', [CompletionResultType]::ParameterName, 'Channel name or ARN')
            [CompletionResult]::new('--offer', '--offer', [CompletionResultType]::ParameterName, 'The SDP offer to send (an SDP text, or {"type":"offer","sdp":…} JSON)')
            [CompletionResult]::new('--sender-client-id', '--sender-client-id', [CompletionResultType]::ParameterName, 'The client id the master sees the offer from [default: a random alexa-xxxxxxxx]')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'AWS region (default: from AWS_REGION, AWS_DEFAULT_REGION or the profile)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Named profile from ~/.aws/config and ~/.aws/credentials')
            [CompletionResult]::new('--endpoint-url', '--endpoint-url', [CompletionResultType]::ParameterName, 'Control-plane endpoint, e.g. the emulator''s http://127.0.0.1:8480 [default: AWS_ENDPOINT_URL_KINESIS_VIDEO, then AWS_ENDPOINT_URL, then https://kinesisvideo.<region>.amazonaws.com]')
            [CompletionResult]::new('--ca-file', '--ca-file', [CompletionResultType]::ParameterName, 'A PEM file of extra CA certificates to trust, e.g. the emulator''s ca.pem (also AWS_CA_BUNDLE)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format: text for people, json for scripts (one JSON document per command)')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: text for people, json for scripts (one JSON document per command)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more: -v shows every API call as an event line, -vv adds debug detail')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more: -v shows every API call as an event line, -vv adds debug detail')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only results and errors, no warnings or notes')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only results and errors, no warnings or notes')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never colour the output (also NO_COLOR)')
            [CompletionResult]::new('--no-cache', '--no-cache', [CompletionResultType]::ParameterName, 'Skip the endpoint cache: always call DescribeSignalingChannel and GetSignalingChannelEndpoint')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'kvs-esp;signal;help' {
            [CompletionResult]::new('connect', 'connect', [CompletionResultType]::ParameterValue, 'Connect and stay connected: print every received message as one JSON object per line on stdout; send the JSON lines read from stdin (or --send FILE), e.g. {"action":"SDP_OFFER","payload":{"type":"offer","sdp":"v=0…"}} or, as master, {"action":"ICE_CANDIDATE","recipient":"viewer-1","payload":{"candidate":"candidate:…"}}. Reconnects on drops, GO_AWAY and RECONNECT_ICE_SERVER; prints a metrics summary at exit')
            [CompletionResult]::new('alexa-offer', 'alexa-offer', [CompletionResultType]::ParameterValue, 'Send an SDP offer to the channel''s master with SendAlexaOfferToMaster (the HTTPS call an Alexa device uses instead of a WebSocket) and print the master''s answer. The master must be connected (or connect within the channel''s message TTL) and answer within 10 s')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'kvs-esp;signal;help;connect' {
            break
        }
        'kvs-esp;signal;help;alexa-offer' {
            break
        }
        'kvs-esp;signal;help;help' {
            break
        }
        'kvs-esp;webrtc' {
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'AWS region (default: from AWS_REGION, AWS_DEFAULT_REGION or the profile)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Named profile from ~/.aws/config and ~/.aws/credentials')
            [CompletionResult]::new('--endpoint-url', '--endpoint-url', [CompletionResultType]::ParameterName, 'Control-plane endpoint, e.g. the emulator''s http://127.0.0.1:8480 [default: AWS_ENDPOINT_URL_KINESIS_VIDEO, then AWS_ENDPOINT_URL, then https://kinesisvideo.<region>.amazonaws.com]')
            [CompletionResult]::new('--ca-file', '--ca-file', [CompletionResultType]::ParameterName, 'A PEM file of extra CA certificates to trust, e.g. the emulator''s ca.pem (also AWS_CA_BUNDLE)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format: text for people, json for scripts (one JSON document per command)')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: text for people, json for scripts (one JSON document per command)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more: -v shows every API call as an event line, -vv adds debug detail')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more: -v shows every API call as an event line, -vv adds debug detail')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only results and errors, no warnings or notes')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only results and errors, no warnings or notes')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never colour the output (also NO_COLOR)')
            [CompletionResult]::new('--no-cache', '--no-cache', [CompletionResultType]::ParameterName, 'Skip the endpoint cache: always call DescribeSignalingChannel and GetSignalingChannelEndpoint')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('connect', 'connect', [CompletionResultType]::ParameterValue, 'Connect a WebRTC peer to a channel. As viewer: offer receive-only audio and video (H.264, VP8, Opus, PCMU, PCMA) and a data channel, trickle candidates (host, server-reflexive from STUN, relay from the channel''s TURN servers over UDP, TCP and TLS), and report every layer — candidates, pairs and their round trips, the nominated pair, DTLS, the data channel''s echo, each track''s first packet and keyframe and per-second figures. As master: answer every viewer (up to 10), send an H.264 and an Opus track (a built-in test clip, or --video/--audio files, looped), and echo the data channel — as the KVS C SDK''s sample master does. Ends with a verdict that names the first failing layer and its likely cause (exit 7)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'kvs-esp;webrtc;connect' {
            [CompletionResult]::new('-c', '-c', [CompletionResultType]::ParameterName, 'Channel name or ARN')
            [CompletionResult]::new('--channel', '--channel', [CompletionResultType]::ParameterName, 'Channel name or ARN')
            [CompletionResult]::new('-r', '-r', [CompletionResultType]::ParameterName, 'The role to connect as')
            [CompletionResult]::new('--role', '--role', [CompletionResultType]::ParameterName, 'The role to connect as')
            [CompletionResult]::new('--client-id', '--client-id', [CompletionResultType]::ParameterName, 'Client id (a viewer''s X-Amz-ClientId; both roles send it to GetIceServerConfig) [default: a random viewer-xxxxxxxx for viewers, kvs-esp-master for masters]')
            [CompletionResult]::new('--ice-transport', '--ice-transport', [CompletionResultType]::ParameterName, 'Which candidates to use: all, or relay only (every packet through TURN)')
            [CompletionResult]::new('--stun', '--stun', [CompletionResultType]::ParameterName, 'A STUN server for server-reflexive candidates, as HOST:PORT or stun:HOST:PORT (repeatable) [default: stun.kinesisvideo.<region>.amazonaws.com:443 against AWS; none against another --endpoint-url]')
            [CompletionResult]::new('--turn-transport', '--turn-transport', [CompletionResultType]::ParameterName, 'Which of the channel''s TURN URIs to allocate on, by how they reach the server (comma-separated)')
            [CompletionResult]::new('--trust', '--trust', [CompletionResultType]::ParameterName, 'Roots to trust for TURN over TLS: native, esp-common (ESP-IDF''s default bundle, what a device has), esp-full, or a PEM file')
            [CompletionResult]::new('--host-ip', '--host-ip', [CompletionResultType]::ParameterName, 'The address of a host candidate (repeatable) [default: every non-loopback IPv4 interface]')
            [CompletionResult]::new('--video', '--video', [CompletionResultType]::ParameterName, 'As master: the video to send, an H.264 Annex-B file (`ffmpeg … -c:v libx264 -bsf:v h264_mp4toannexb -f h264 out.h264`), `clip` or `none`; looped')
            [CompletionResult]::new('--audio', '--audio', [CompletionResultType]::ParameterName, 'As master: the audio to send, an Ogg Opus file (`ffmpeg … -c:a libopus -f ogg out.opus`), `clip` or `none`; looped')
            [CompletionResult]::new('--fps', '--fps', [CompletionResultType]::ParameterName, 'The frame rate of a --video file')
            [CompletionResult]::new('--codec', '--codec', [CompletionResultType]::ParameterName, 'The codecs to negotiate (comma-separated, e.g. h264,opus) [default: h264,vp8,opus,pcmu,pcma]')
            [CompletionResult]::new('--save', '--save', [CompletionResultType]::ParameterName, 'As viewer: save what arrives in this directory (H.264 as .h264, VP8 as .ivf, Opus as .ogg; ffplay plays them)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'How long the media path may take to come up (from the start)')
            [CompletionResult]::new('--duration', '--duration', [CompletionResultType]::ParameterName, 'How long to stay connected: a viewer from its connection [default: 10s], a master from the start [default: until Ctrl-C]')
            [CompletionResult]::new('--max-viewers', '--max-viewers', [CompletionResultType]::ParameterName, 'As master: how many viewers to serve at once')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'AWS region (default: from AWS_REGION, AWS_DEFAULT_REGION or the profile)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Named profile from ~/.aws/config and ~/.aws/credentials')
            [CompletionResult]::new('--endpoint-url', '--endpoint-url', [CompletionResultType]::ParameterName, 'Control-plane endpoint, e.g. the emulator''s http://127.0.0.1:8480 [default: AWS_ENDPOINT_URL_KINESIS_VIDEO, then AWS_ENDPOINT_URL, then https://kinesisvideo.<region>.amazonaws.com]')
            [CompletionResult]::new('--ca-file', '--ca-file', [CompletionResultType]::ParameterName, 'A PEM file of extra CA certificates to trust, e.g. the emulator''s ca.pem (also AWS_CA_BUNDLE)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format: text for people, json for scripts (one JSON document per command)')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: text for people, json for scripts (one JSON document per command)')
            [CompletionResult]::new('--no-stun', '--no-stun', [CompletionResultType]::ParameterName, 'Use no STUN server')
            [CompletionResult]::new('--no-turn', '--no-turn', [CompletionResultType]::ParameterName, 'Allocate on none of the channel''s TURN servers (no relay candidates)')
            [CompletionResult]::new('--join-storage', '--join-storage', [CompletionResultType]::ParameterName, 'On a channel that records (`kvs-esp channel storage enable`): join its storage session whenever signaling connects and answer the session''s offer — a master (JoinStorageSession) with H.264 video and Opus audio (KVS ingestion takes both), a viewer (JoinStorageSessionAsViewer) with its Opus audio, instead of offering to the master; join again when no offer comes within 6 s or the session ends')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more: -v shows every API call as an event line, -vv adds debug detail')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more: -v shows every API call as an event line, -vv adds debug detail')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only results and errors, no warnings or notes')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only results and errors, no warnings or notes')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never colour the output (also NO_COLOR)')
            [CompletionResult]::new('--no-cache', '--no-cache', [CompletionResultType]::ParameterName, 'Skip the endpoint cache: always call DescribeSignalingChannel and GetSignalingChannelEndpoint')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'kvs-esp;webrtc;help' {
            [CompletionResult]::new('connect', 'connect', [CompletionResultType]::ParameterValue, 'Connect a WebRTC peer to a channel. As viewer: offer receive-only audio and video (H.264, VP8, Opus, PCMU, PCMA) and a data channel, trickle candidates (host, server-reflexive from STUN, relay from the channel''s TURN servers over UDP, TCP and TLS), and report every layer — candidates, pairs and their round trips, the nominated pair, DTLS, the data channel''s echo, each track''s first packet and keyframe and per-second figures. As master: answer every viewer (up to 10), send an H.264 and an Opus track (a built-in test clip, or --video/--audio files, looped), and echo the data channel — as the KVS C SDK''s sample master does. Ends with a verdict that names the first failing layer and its likely cause (exit 7)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'kvs-esp;webrtc;help;connect' {
            break
        }
        'kvs-esp;webrtc;help;help' {
            break
        }
        'kvs-esp;turn-tls' {
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'AWS region (default: from AWS_REGION, AWS_DEFAULT_REGION or the profile)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Named profile from ~/.aws/config and ~/.aws/credentials')
            [CompletionResult]::new('--endpoint-url', '--endpoint-url', [CompletionResultType]::ParameterName, 'Control-plane endpoint, e.g. the emulator''s http://127.0.0.1:8480 [default: AWS_ENDPOINT_URL_KINESIS_VIDEO, then AWS_ENDPOINT_URL, then https://kinesisvideo.<region>.amazonaws.com]')
            [CompletionResult]::new('--ca-file', '--ca-file', [CompletionResultType]::ParameterName, 'A PEM file of extra CA certificates to trust, e.g. the emulator''s ca.pem (also AWS_CA_BUNDLE)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format: text for people, json for scripts (one JSON document per command)')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: text for people, json for scripts (one JSON document per command)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more: -v shows every API call as an event line, -vv adds debug detail')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more: -v shows every API call as an event line, -vv adds debug detail')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only results and errors, no warnings or notes')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only results and errors, no warnings or notes')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never colour the output (also NO_COLOR)')
            [CompletionResult]::new('--no-cache', '--no-cache', [CompletionResultType]::ParameterName, 'Skip the endpoint cache: always call DescribeSignalingChannel and GetSignalingChannelEndpoint')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('probe', 'probe', [CompletionResultType]::ParameterValue, 'For every turns:…?transport=tcp server of a channel (or one --uri): DNS, TCP, TLS (chain, version, cipher, anchoring root, whether ESP-IDF''s default bundle trusts it), TURN Allocate with long-term credentials, an optional relay round trip (--peer), and Refresh to release — each step timed')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'kvs-esp;turn-tls;probe' {
            [CompletionResult]::new('-c', '-c', [CompletionResultType]::ParameterName, 'Take the servers from the channel''s GetIceServerConfig')
            [CompletionResult]::new('--channel', '--channel', [CompletionResultType]::ParameterName, 'Take the servers from the channel''s GetIceServerConfig')
            [CompletionResult]::new('-r', '-r', [CompletionResultType]::ParameterName, 'The role whose HTTPS endpoint GetIceServerConfig is sent to')
            [CompletionResult]::new('--role', '--role', [CompletionResultType]::ParameterName, 'The role whose HTTPS endpoint GetIceServerConfig is sent to')
            [CompletionResult]::new('--client-id', '--client-id', [CompletionResultType]::ParameterName, 'Client id for GetIceServerConfig')
            [CompletionResult]::new('--uri', '--uri', [CompletionResultType]::ParameterName, 'Probe one server by hand, e.g. ''turns:turn.example.com:443?transport=tcp''')
            [CompletionResult]::new('--username', '--username', [CompletionResultType]::ParameterName, 'The TURN username for --uri')
            [CompletionResult]::new('--password', '--password', [CompletionResultType]::ParameterName, 'The TURN password for --uri (also KVS_ESP_TURN_PASSWORD)')
            [CompletionResult]::new('--peer', '--peer', [CompletionResultType]::ParameterName, 'After allocating, permit this peer and check that data relayed to it comes back (an echo service)')
            [CompletionResult]::new('--trust', '--trust', [CompletionResultType]::ParameterName, 'Roots to trust: native (this machine), esp-common (ESP-IDF''s default bundle), esp-full (the whole Mozilla store ESP-IDF can bundle), or a PEM file. The report always says whether esp-common would trust')
            [CompletionResult]::new('--tls', '--tls', [CompletionResultType]::ParameterName, 'TLS versions to offer: 1.2, 1.3 or any')
            [CompletionResult]::new('--jobs', '--jobs', [CompletionResultType]::ParameterName, 'Servers probed at once')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Seconds each step may take')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'AWS region (default: from AWS_REGION, AWS_DEFAULT_REGION or the profile)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Named profile from ~/.aws/config and ~/.aws/credentials')
            [CompletionResult]::new('--endpoint-url', '--endpoint-url', [CompletionResultType]::ParameterName, 'Control-plane endpoint, e.g. the emulator''s http://127.0.0.1:8480 [default: AWS_ENDPOINT_URL_KINESIS_VIDEO, then AWS_ENDPOINT_URL, then https://kinesisvideo.<region>.amazonaws.com]')
            [CompletionResult]::new('--ca-file', '--ca-file', [CompletionResultType]::ParameterName, 'A PEM file of extra CA certificates to trust, e.g. the emulator''s ca.pem (also AWS_CA_BUNDLE)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format: text for people, json for scripts (one JSON document per command)')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: text for people, json for scripts (one JSON document per command)')
            [CompletionResult]::new('--udp', '--udp', [CompletionResultType]::ParameterName, 'Also probe the plain turn: UDP URIs')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more: -v shows every API call as an event line, -vv adds debug detail')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more: -v shows every API call as an event line, -vv adds debug detail')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only results and errors, no warnings or notes')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only results and errors, no warnings or notes')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never colour the output (also NO_COLOR)')
            [CompletionResult]::new('--no-cache', '--no-cache', [CompletionResultType]::ParameterName, 'Skip the endpoint cache: always call DescribeSignalingChannel and GetSignalingChannelEndpoint')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'kvs-esp;turn-tls;help' {
            [CompletionResult]::new('probe', 'probe', [CompletionResultType]::ParameterValue, 'For every turns:…?transport=tcp server of a channel (or one --uri): DNS, TCP, TLS (chain, version, cipher, anchoring root, whether ESP-IDF''s default bundle trusts it), TURN Allocate with long-term credentials, an optional relay round trip (--peer), and Refresh to release — each step timed')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'kvs-esp;turn-tls;help;probe' {
            break
        }
        'kvs-esp;turn-tls;help;help' {
            break
        }
        'kvs-esp;doctor' {
            [CompletionResult]::new('-c', '-c', [CompletionResultType]::ParameterName, 'The channel to check (without it, the checks stop after the clock)')
            [CompletionResult]::new('--channel', '--channel', [CompletionResultType]::ParameterName, 'The channel to check (without it, the checks stop after the clock)')
            [CompletionResult]::new('-r', '-r', [CompletionResultType]::ParameterName, 'The role to check the endpoints and the WebSocket for')
            [CompletionResult]::new('--role', '--role', [CompletionResultType]::ParameterName, 'The role to check the endpoints and the WebSocket for')
            [CompletionResult]::new('--client-id', '--client-id', [CompletionResultType]::ParameterName, 'Client id for GetIceServerConfig and the viewer''s WebSocket [default: a random doctor-xxxxxxxx]')
            [CompletionResult]::new('--turn-trust', '--turn-trust', [CompletionResultType]::ParameterName, 'Roots to trust for the TURN servers: native, esp-common, esp-full or a PEM file')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Seconds each check may take')
            [CompletionResult]::new('--host-ip', '--host-ip', [CompletionResultType]::ParameterName, 'For --peer and --storage-session: the address of a host candidate (repeatable) [default: every non-loopback IPv4 interface]')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'AWS region (default: from AWS_REGION, AWS_DEFAULT_REGION or the profile)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Named profile from ~/.aws/config and ~/.aws/credentials')
            [CompletionResult]::new('--endpoint-url', '--endpoint-url', [CompletionResultType]::ParameterName, 'Control-plane endpoint, e.g. the emulator''s http://127.0.0.1:8480 [default: AWS_ENDPOINT_URL_KINESIS_VIDEO, then AWS_ENDPOINT_URL, then https://kinesisvideo.<region>.amazonaws.com]')
            [CompletionResult]::new('--ca-file', '--ca-file', [CompletionResultType]::ParameterName, 'A PEM file of extra CA certificates to trust, e.g. the emulator''s ca.pem (also AWS_CA_BUNDLE)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format: text for people, json for scripts (one JSON document per command)')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: text for people, json for scripts (one JSON document per command)')
            [CompletionResult]::new('--peer', '--peer', [CompletionResultType]::ParameterName, 'Add a media-path step: connect as a viewer to the channel''s master (which must be running) and require ICE, DTLS and the data channel within --timeout, with the channel''s TURN servers and KVS''s STUN server')
            [CompletionResult]::new('--storage-session', '--storage-session', [CompletionResultType]::ParameterName, 'Add a storage-session step for a channel that records: connect as its master (superseding the master connected now, for a few seconds), join the storage session (JoinStorageSession) and require DTLS with it and H.264 and Opus sent into it')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more: -v shows every API call as an event line, -vv adds debug detail')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more: -v shows every API call as an event line, -vv adds debug detail')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only results and errors, no warnings or notes')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only results and errors, no warnings or notes')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never colour the output (also NO_COLOR)')
            [CompletionResult]::new('--no-cache', '--no-cache', [CompletionResultType]::ParameterName, 'Skip the endpoint cache: always call DescribeSignalingChannel and GetSignalingChannelEndpoint')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'kvs-esp;flash' {
            [CompletionResult]::new('--board', '--board', [CompletionResultType]::ParameterName, 'The board''s chip. The firmware is built for it, and a device that is another chip is refused before anything is written. esp32h2 and esp32p4 (no Wi-Fi), esp32 and esp32s2 (no USB-Serial-JTAG peripheral, which the firmware''s console uses beside UART0) are refused with the reason')
            [CompletionResult]::new('-p', '-p', [CompletionResultType]::ParameterName, 'The serial port [default: ESPFLASH_PORT, else the one USB port of a known ESP32 chip or bridge]')
            [CompletionResult]::new('--port', '--port', [CompletionResultType]::ParameterName, 'The serial port [default: ESPFLASH_PORT, else the one USB port of a known ESP32 chip or bridge]')
            [CompletionResult]::new('-b', '-b', [CompletionResultType]::ParameterName, 'Baud rate to flash at; above 115200 the loader is asked to switch after connecting')
            [CompletionResult]::new('--baud', '--baud', [CompletionResultType]::ParameterName, 'Baud rate to flash at; above 115200 the loader is asked to switch after connecting')
            [CompletionResult]::new('--elf', '--elf', [CompletionResultType]::ParameterName, 'Flash this prebuilt ELF instead of building the firmware')
            [CompletionResult]::new('--firmware-dir', '--firmware-dir', [CompletionResultType]::ParameterName, 'The firmware to build [default: firmware/app of the kvs-esp checkout in or above the current directory]')
            [CompletionResult]::new('--before', '--before', [CompletionResultType]::ParameterName, 'How to put the chip into download mode: default-reset toggles DTR/RTS (auto-reset circuits and USB-Serial-JTAG); no-reset expects the chip already waiting (BOOT held during reset)')
            [CompletionResult]::new('--after', '--after', [CompletionResultType]::ParameterName, 'What to do when done: hard-reset starts the new firmware; no-reset leaves the chip in the loader')
            [CompletionResult]::new('--until', '--until', [CompletionResultType]::ParameterName, 'With --monitor: stop after this long (e.g. 30s) [default: until Ctrl-C]')
            [CompletionResult]::new('-c', '-c', [CompletionResultType]::ParameterName, 'The channel the device signals on; with --wifi-ssid, answers the device''s provisioning prompt')
            [CompletionResult]::new('--channel', '--channel', [CompletionResultType]::ParameterName, 'The channel the device signals on; with --wifi-ssid, answers the device''s provisioning prompt')
            [CompletionResult]::new('-r', '-r', [CompletionResultType]::ParameterName, 'The device''s role on the channel')
            [CompletionResult]::new('--role', '--role', [CompletionResultType]::ParameterName, 'The device''s role on the channel')
            [CompletionResult]::new('--client-id', '--client-id', [CompletionResultType]::ParameterName, 'The device''s client id [default: esp32-<channel name>]')
            [CompletionResult]::new('--wifi-ssid', '--wifi-ssid', [CompletionResultType]::ParameterName, 'The Wi-Fi network the device joins')
            [CompletionResult]::new('--wifi-password', '--wifi-password', [CompletionResultType]::ParameterName, 'Its passphrase (empty for an open network)')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'AWS region (default: from AWS_REGION, AWS_DEFAULT_REGION or the profile)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Named profile from ~/.aws/config and ~/.aws/credentials')
            [CompletionResult]::new('--endpoint-url', '--endpoint-url', [CompletionResultType]::ParameterName, 'Control-plane endpoint, e.g. the emulator''s http://127.0.0.1:8480 [default: AWS_ENDPOINT_URL_KINESIS_VIDEO, then AWS_ENDPOINT_URL, then https://kinesisvideo.<region>.amazonaws.com]')
            [CompletionResult]::new('--ca-file', '--ca-file', [CompletionResultType]::ParameterName, 'A PEM file of extra CA certificates to trust, e.g. the emulator''s ca.pem (also AWS_CA_BUNDLE)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format: text for people, json for scripts (one JSON document per command)')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: text for people, json for scripts (one JSON document per command)')
            [CompletionResult]::new('--erase', '--erase', [CompletionResultType]::ParameterName, 'Erase the whole flash first (NVS too: the device forgets its endpoint cache)')
            [CompletionResult]::new('--no-stub', '--no-stub', [CompletionResultType]::ParameterName, 'Talk to the ROM loader directly instead of uploading espflash''s faster stub loader')
            [CompletionResult]::new('--monitor', '--monitor', [CompletionResultType]::ParameterName, 'Show the device''s log after flashing (as `kvs-esp monitor`, symbolized from the flashed ELF)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more: -v shows every API call as an event line, -vv adds debug detail')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more: -v shows every API call as an event line, -vv adds debug detail')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only results and errors, no warnings or notes')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only results and errors, no warnings or notes')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never colour the output (also NO_COLOR)')
            [CompletionResult]::new('--no-cache', '--no-cache', [CompletionResultType]::ParameterName, 'Skip the endpoint cache: always call DescribeSignalingChannel and GetSignalingChannelEndpoint')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'kvs-esp;monitor' {
            [CompletionResult]::new('-p', '-p', [CompletionResultType]::ParameterName, 'The serial port [default: ESPFLASH_PORT, else the one USB port of a known ESP32 chip or bridge]')
            [CompletionResult]::new('--port', '--port', [CompletionResultType]::ParameterName, 'The serial port [default: ESPFLASH_PORT, else the one USB port of a known ESP32 chip or bridge]')
            [CompletionResult]::new('-b', '-b', [CompletionResultType]::ParameterName, 'Baud rate')
            [CompletionResult]::new('--baud', '--baud', [CompletionResultType]::ParameterName, 'Baud rate')
            [CompletionResult]::new('--elf', '--elf', [CompletionResultType]::ParameterName, 'The application''s ELF, to symbolize addresses, to unwind RISC-V stack dumps by its DWARF call frame information, and to check that the device runs this build')
            [CompletionResult]::new('--until', '--until', [CompletionResultType]::ParameterName, 'Stop after this long (e.g. 30s, 2m) [default: until Ctrl-C]')
            [CompletionResult]::new('--filter', '--filter', [CompletionResultType]::ParameterName, 'Show only these log lines, in esp-idf-monitor''s print-filter syntax: `tag:level` items (levels N E W I D V, `*` for every other tag), e.g. "kvs:I wifi:W *:E". Lines that are not log lines (boot, panics) pass unless "*:N"')
            [CompletionResult]::new('--log-file', '--log-file', [CompletionResultType]::ParameterName, 'Also write every line, as received and unfiltered, to this file (appended)')
            [CompletionResult]::new('-c', '-c', [CompletionResultType]::ParameterName, 'The channel the device signals on; with --wifi-ssid, answers the device''s provisioning prompt')
            [CompletionResult]::new('--channel', '--channel', [CompletionResultType]::ParameterName, 'The channel the device signals on; with --wifi-ssid, answers the device''s provisioning prompt')
            [CompletionResult]::new('-r', '-r', [CompletionResultType]::ParameterName, 'The device''s role on the channel')
            [CompletionResult]::new('--role', '--role', [CompletionResultType]::ParameterName, 'The device''s role on the channel')
            [CompletionResult]::new('--client-id', '--client-id', [CompletionResultType]::ParameterName, 'The device''s client id [default: esp32-<channel name>]')
            [CompletionResult]::new('--wifi-ssid', '--wifi-ssid', [CompletionResultType]::ParameterName, 'The Wi-Fi network the device joins')
            [CompletionResult]::new('--wifi-password', '--wifi-password', [CompletionResultType]::ParameterName, 'Its passphrase (empty for an open network)')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'AWS region (default: from AWS_REGION, AWS_DEFAULT_REGION or the profile)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Named profile from ~/.aws/config and ~/.aws/credentials')
            [CompletionResult]::new('--endpoint-url', '--endpoint-url', [CompletionResultType]::ParameterName, 'Control-plane endpoint, e.g. the emulator''s http://127.0.0.1:8480 [default: AWS_ENDPOINT_URL_KINESIS_VIDEO, then AWS_ENDPOINT_URL, then https://kinesisvideo.<region>.amazonaws.com]')
            [CompletionResult]::new('--ca-file', '--ca-file', [CompletionResultType]::ParameterName, 'A PEM file of extra CA certificates to trust, e.g. the emulator''s ca.pem (also AWS_CA_BUNDLE)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format: text for people, json for scripts (one JSON document per command)')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: text for people, json for scripts (one JSON document per command)')
            [CompletionResult]::new('--timestamps', '--timestamps', [CompletionResultType]::ParameterName, 'Start every shown line with the time it arrived (UTC, to the millisecond)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more: -v shows every API call as an event line, -vv adds debug detail')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more: -v shows every API call as an event line, -vv adds debug detail')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only results and errors, no warnings or notes')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only results and errors, no warnings or notes')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never colour the output (also NO_COLOR)')
            [CompletionResult]::new('--no-cache', '--no-cache', [CompletionResultType]::ParameterName, 'Skip the endpoint cache: always call DescribeSignalingChannel and GetSignalingChannelEndpoint')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'kvs-esp;diagnose' {
            [CompletionResult]::new('--board', '--board', [CompletionResultType]::ParameterName, 'The board''s chip (flash it first with `kvs-esp flash --board`)')
            [CompletionResult]::new('-c', '-c', [CompletionResultType]::ParameterName, 'The channel: the device becomes its master, the host joins as a viewer. Created if missing')
            [CompletionResult]::new('--channel', '--channel', [CompletionResultType]::ParameterName, 'The channel: the device becomes its master, the host joins as a viewer. Created if missing')
            [CompletionResult]::new('-p', '-p', [CompletionResultType]::ParameterName, 'The serial port [default: ESPFLASH_PORT, else the one USB port of a known ESP32 chip or bridge]')
            [CompletionResult]::new('--port', '--port', [CompletionResultType]::ParameterName, 'The serial port [default: ESPFLASH_PORT, else the one USB port of a known ESP32 chip or bridge]')
            [CompletionResult]::new('-b', '-b', [CompletionResultType]::ParameterName, 'Baud rate of the device''s console')
            [CompletionResult]::new('--baud', '--baud', [CompletionResultType]::ParameterName, 'Baud rate of the device''s console')
            [CompletionResult]::new('--client-id', '--client-id', [CompletionResultType]::ParameterName, 'The device''s client id [default: esp32-<channel name>]')
            [CompletionResult]::new('--wifi-ssid', '--wifi-ssid', [CompletionResultType]::ParameterName, 'The Wi-Fi network the device joins')
            [CompletionResult]::new('--wifi-password', '--wifi-password', [CompletionResultType]::ParameterName, 'Its passphrase (empty for an open network)')
            [CompletionResult]::new('--host-ip', '--host-ip', [CompletionResultType]::ParameterName, 'The host viewer''s candidate addresses (repeatable) [default: every non-loopback IPv4 interface]')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Give up after this long (e.g. 90s)')
            [CompletionResult]::new('--report', '--report', [CompletionResultType]::ParameterName, 'Also write the report as a self-contained HTML page with the timeline as a sequence diagram')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'AWS region (default: from AWS_REGION, AWS_DEFAULT_REGION or the profile)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Named profile from ~/.aws/config and ~/.aws/credentials')
            [CompletionResult]::new('--endpoint-url', '--endpoint-url', [CompletionResultType]::ParameterName, 'Control-plane endpoint, e.g. the emulator''s http://127.0.0.1:8480 [default: AWS_ENDPOINT_URL_KINESIS_VIDEO, then AWS_ENDPOINT_URL, then https://kinesisvideo.<region>.amazonaws.com]')
            [CompletionResult]::new('--ca-file', '--ca-file', [CompletionResultType]::ParameterName, 'A PEM file of extra CA certificates to trust, e.g. the emulator''s ca.pem (also AWS_CA_BUNDLE)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format: text for people, json for scripts (one JSON document per command)')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: text for people, json for scripts (one JSON document per command)')
            [CompletionResult]::new('--no-provision', '--no-provision', [CompletionResultType]::ParameterName, 'The device runs a master of its own on the channel already (the KVS C SDK''s sample, say), not the companion firmware: do not provision it, start the host''s viewer at once and test the media path')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more: -v shows every API call as an event line, -vv adds debug detail')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more: -v shows every API call as an event line, -vv adds debug detail')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only results and errors, no warnings or notes')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only results and errors, no warnings or notes')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never colour the output (also NO_COLOR)')
            [CompletionResult]::new('--no-cache', '--no-cache', [CompletionResultType]::ParameterName, 'Skip the endpoint cache: always call DescribeSignalingChannel and GetSignalingChannelEndpoint')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'kvs-esp;virtual-device' {
            [CompletionResult]::new('--board', '--board', [CompletionResultType]::ParameterName, 'The chip it says it is (in its boot banner and its diagnostic answers)')
            [CompletionResult]::new('--link', '--link', [CompletionResultType]::ParameterName, 'Also make the pseudo-terminal reachable at this path (a symlink, removed on exit)')
            [CompletionResult]::new('--until', '--until', [CompletionResultType]::ParameterName, 'Switch off after this long (e.g. 5m) [default: until Ctrl-C]')
            [CompletionResult]::new('--answer', '--answer', [CompletionResultType]::ParameterName, 'How it answers a viewer''s offer: as the companion firmware does, or as a board running a real WebRTC master (the KVS C SDK''s sample, say) does — with media or with none')
            [CompletionResult]::new('--host-ip', '--host-ip', [CompletionResultType]::ParameterName, 'The address of a host candidate (repeatable) [default: every non-loopback IPv4 interface]')
            [CompletionResult]::new('--bundle', '--bundle', [CompletionResultType]::ParameterName, 'The roots the device trusts for TURN over TLS: esp-common (ESP-IDF''s common bundle, the firmware''s), esp-full, or a PEM file (a firmware built with a bundle of its own)')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'AWS region (default: from AWS_REGION, AWS_DEFAULT_REGION or the profile)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Named profile from ~/.aws/config and ~/.aws/credentials')
            [CompletionResult]::new('--endpoint-url', '--endpoint-url', [CompletionResultType]::ParameterName, 'Control-plane endpoint, e.g. the emulator''s http://127.0.0.1:8480 [default: AWS_ENDPOINT_URL_KINESIS_VIDEO, then AWS_ENDPOINT_URL, then https://kinesisvideo.<region>.amazonaws.com]')
            [CompletionResult]::new('--ca-file', '--ca-file', [CompletionResultType]::ParameterName, 'A PEM file of extra CA certificates to trust, e.g. the emulator''s ca.pem (also AWS_CA_BUNDLE)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format: text for people, json for scripts (one JSON document per command)')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: text for people, json for scripts (one JSON document per command)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more: -v shows every API call as an event line, -vv adds debug detail')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more: -v shows every API call as an event line, -vv adds debug detail')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only results and errors, no warnings or notes')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only results and errors, no warnings or notes')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never colour the output (also NO_COLOR)')
            [CompletionResult]::new('--no-cache', '--no-cache', [CompletionResultType]::ParameterName, 'Skip the endpoint cache: always call DescribeSignalingChannel and GetSignalingChannelEndpoint')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'kvs-esp;cache' {
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'AWS region (default: from AWS_REGION, AWS_DEFAULT_REGION or the profile)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Named profile from ~/.aws/config and ~/.aws/credentials')
            [CompletionResult]::new('--endpoint-url', '--endpoint-url', [CompletionResultType]::ParameterName, 'Control-plane endpoint, e.g. the emulator''s http://127.0.0.1:8480 [default: AWS_ENDPOINT_URL_KINESIS_VIDEO, then AWS_ENDPOINT_URL, then https://kinesisvideo.<region>.amazonaws.com]')
            [CompletionResult]::new('--ca-file', '--ca-file', [CompletionResultType]::ParameterName, 'A PEM file of extra CA certificates to trust, e.g. the emulator''s ca.pem (also AWS_CA_BUNDLE)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format: text for people, json for scripts (one JSON document per command)')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: text for people, json for scripts (one JSON document per command)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more: -v shows every API call as an event line, -vv adds debug detail')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more: -v shows every API call as an event line, -vv adds debug detail')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only results and errors, no warnings or notes')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only results and errors, no warnings or notes')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never colour the output (also NO_COLOR)')
            [CompletionResult]::new('--no-cache', '--no-cache', [CompletionResultType]::ParameterName, 'Skip the endpoint cache: always call DescribeSignalingChannel and GetSignalingChannelEndpoint')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'List cached endpoint entries and when each expires')
            [CompletionResult]::new('clear', 'clear', [CompletionResultType]::ParameterValue, 'Remove every cached entry')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'kvs-esp;cache;show' {
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'AWS region (default: from AWS_REGION, AWS_DEFAULT_REGION or the profile)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Named profile from ~/.aws/config and ~/.aws/credentials')
            [CompletionResult]::new('--endpoint-url', '--endpoint-url', [CompletionResultType]::ParameterName, 'Control-plane endpoint, e.g. the emulator''s http://127.0.0.1:8480 [default: AWS_ENDPOINT_URL_KINESIS_VIDEO, then AWS_ENDPOINT_URL, then https://kinesisvideo.<region>.amazonaws.com]')
            [CompletionResult]::new('--ca-file', '--ca-file', [CompletionResultType]::ParameterName, 'A PEM file of extra CA certificates to trust, e.g. the emulator''s ca.pem (also AWS_CA_BUNDLE)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format: text for people, json for scripts (one JSON document per command)')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: text for people, json for scripts (one JSON document per command)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more: -v shows every API call as an event line, -vv adds debug detail')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more: -v shows every API call as an event line, -vv adds debug detail')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only results and errors, no warnings or notes')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only results and errors, no warnings or notes')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never colour the output (also NO_COLOR)')
            [CompletionResult]::new('--no-cache', '--no-cache', [CompletionResultType]::ParameterName, 'Skip the endpoint cache: always call DescribeSignalingChannel and GetSignalingChannelEndpoint')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'kvs-esp;cache;clear' {
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'AWS region (default: from AWS_REGION, AWS_DEFAULT_REGION or the profile)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Named profile from ~/.aws/config and ~/.aws/credentials')
            [CompletionResult]::new('--endpoint-url', '--endpoint-url', [CompletionResultType]::ParameterName, 'Control-plane endpoint, e.g. the emulator''s http://127.0.0.1:8480 [default: AWS_ENDPOINT_URL_KINESIS_VIDEO, then AWS_ENDPOINT_URL, then https://kinesisvideo.<region>.amazonaws.com]')
            [CompletionResult]::new('--ca-file', '--ca-file', [CompletionResultType]::ParameterName, 'A PEM file of extra CA certificates to trust, e.g. the emulator''s ca.pem (also AWS_CA_BUNDLE)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format: text for people, json for scripts (one JSON document per command)')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: text for people, json for scripts (one JSON document per command)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more: -v shows every API call as an event line, -vv adds debug detail')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more: -v shows every API call as an event line, -vv adds debug detail')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only results and errors, no warnings or notes')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only results and errors, no warnings or notes')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never colour the output (also NO_COLOR)')
            [CompletionResult]::new('--no-cache', '--no-cache', [CompletionResultType]::ParameterName, 'Skip the endpoint cache: always call DescribeSignalingChannel and GetSignalingChannelEndpoint')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'kvs-esp;cache;help' {
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'List cached endpoint entries and when each expires')
            [CompletionResult]::new('clear', 'clear', [CompletionResultType]::ParameterValue, 'Remove every cached entry')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'kvs-esp;cache;help;show' {
            break
        }
        'kvs-esp;cache;help;clear' {
            break
        }
        'kvs-esp;cache;help;help' {
            break
        }
        'kvs-esp;completions' {
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'AWS region (default: from AWS_REGION, AWS_DEFAULT_REGION or the profile)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Named profile from ~/.aws/config and ~/.aws/credentials')
            [CompletionResult]::new('--endpoint-url', '--endpoint-url', [CompletionResultType]::ParameterName, 'Control-plane endpoint, e.g. the emulator''s http://127.0.0.1:8480 [default: AWS_ENDPOINT_URL_KINESIS_VIDEO, then AWS_ENDPOINT_URL, then https://kinesisvideo.<region>.amazonaws.com]')
            [CompletionResult]::new('--ca-file', '--ca-file', [CompletionResultType]::ParameterName, 'A PEM file of extra CA certificates to trust, e.g. the emulator''s ca.pem (also AWS_CA_BUNDLE)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format: text for people, json for scripts (one JSON document per command)')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: text for people, json for scripts (one JSON document per command)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more: -v shows every API call as an event line, -vv adds debug detail')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more: -v shows every API call as an event line, -vv adds debug detail')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only results and errors, no warnings or notes')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only results and errors, no warnings or notes')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never colour the output (also NO_COLOR)')
            [CompletionResult]::new('--no-cache', '--no-cache', [CompletionResultType]::ParameterName, 'Skip the endpoint cache: always call DescribeSignalingChannel and GetSignalingChannelEndpoint')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'kvs-esp;emulator' {
            [CompletionResult]::new('--bind', '--bind', [CompletionResultType]::ParameterName, 'Address to listen on. Loopback unless you mean to expose an unauthenticated test service')
            [CompletionResult]::new('--http-port', '--http-port', [CompletionResultType]::ParameterName, 'Plain-HTTP port (0 picks a free one)')
            [CompletionResult]::new('--https-port', '--https-port', [CompletionResultType]::ParameterName, 'HTTPS port (0 picks a free one); its certificate is issued by the CA in --state-dir')
            [CompletionResult]::new('--state-dir', '--state-dir', [CompletionResultType]::ParameterName, 'Keep the CA and channels here, across restarts [default: a new temporary directory]')
            [CompletionResult]::new('--key', '--key', [CompletionResultType]::ParameterName, 'An accepted key pair ACCESS_KEY_ID:SECRET[:SESSION_TOKEN]; repeat for more. Replaces the default pair. With @EXPIRATION (Unix seconds) it expires then, as session credentials do: later requests get ExpiredTokenException')
            [CompletionResult]::new('--expired-key', '--expired-key', [CompletionResultType]::ParameterName, 'An accepted key pair whose session has expired: requests signed with it get ExpiredTokenException')
            [CompletionResult]::new('--denied-key', '--denied-key', [CompletionResultType]::ParameterName, 'An accepted key pair without permissions: its requests get AccessDeniedException (401)')
            [CompletionResult]::new('--emulated-region', '--emulated-region', [CompletionResultType]::ParameterName, 'The region the emulator serves; requests signed for another region are refused')
            [CompletionResult]::new('--account-id', '--account-id', [CompletionResultType]::ParameterName, 'The account id in the ARNs it mints')
            [CompletionResult]::new('--skew-tolerance', '--skew-tolerance', [CompletionResultType]::ParameterName, 'How far a request''s X-Amz-Date may be from the emulator''s clock, in seconds')
            [CompletionResult]::new('--clock-offset', '--clock-offset', [CompletionResultType]::ParameterName, 'Shift the emulator''s clock by this many seconds (negative: behind), to test clock-skew handling')
            [CompletionResult]::new('--turn-uri', '--turn-uri', [CompletionResultType]::ParameterName, 'A TURN URI to hand out in GetIceServerConfig, e.g. turns:localhost:5349?transport=tcp; repeat for more')
            [CompletionResult]::new('--turn-secret', '--turn-secret', [CompletionResultType]::ParameterName, 'The TURN REST shared secret (coturn''s static-auth-secret) used to mint ICE credentials')
            [CompletionResult]::new('--turn-ttl', '--turn-ttl', [CompletionResultType]::ParameterName, 'Lifetime of minted TURN credentials, in seconds (the service uses 300)')
            [CompletionResult]::new('--max-channels', '--max-channels', [CompletionResultType]::ParameterName, 'Most channels it holds before AccountChannelLimitExceededException, and most streams (counted apart) before AccountStreamLimitExceededException')
            [CompletionResult]::new('--max-viewers', '--max-viewers', [CompletionResultType]::ParameterName, 'Most viewers connected to one channel; one more is refused at the handshake')
            [CompletionResult]::new('--rates', '--rates', [CompletionResultType]::ParameterName, 'Messages per second per connection for SDP offers, SDP answers and ICE candidates')
            [CompletionResult]::new('--idle-timeout', '--idle-timeout', [CompletionResultType]::ParameterName, 'Seconds without a message or ping before a connection gets GO_AWAY and is closed')
            [CompletionResult]::new('--max-duration', '--max-duration', [CompletionResultType]::ParameterName, 'Seconds a connection may last before it gets GO_AWAY and is closed')
            [CompletionResult]::new('--go-away-grace-ms', '--go-away-grace-ms', [CompletionResultType]::ParameterName, 'Milliseconds between GO_AWAY and the close that follows it (the service allows up to a minute)')
            [CompletionResult]::new('--request-timeout', '--request-timeout', [CompletionResultType]::ParameterName, 'Seconds a client may take to send a request''s headers, and then its body; slower clients are cut off')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Named profile from ~/.aws/config and ~/.aws/credentials')
            [CompletionResult]::new('--endpoint-url', '--endpoint-url', [CompletionResultType]::ParameterName, 'Control-plane endpoint, e.g. the emulator''s http://127.0.0.1:8480 [default: AWS_ENDPOINT_URL_KINESIS_VIDEO, then AWS_ENDPOINT_URL, then https://kinesisvideo.<region>.amazonaws.com]')
            [CompletionResult]::new('--ca-file', '--ca-file', [CompletionResultType]::ParameterName, 'A PEM file of extra CA certificates to trust, e.g. the emulator''s ca.pem (also AWS_CA_BUNDLE)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format: text for people, json for scripts (one JSON document per command)')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: text for people, json for scripts (one JSON document per command)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more: -v shows every API call as an event line, -vv adds debug detail')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more: -v shows every API call as an event line, -vv adds debug detail')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only results and errors, no warnings or notes')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only results and errors, no warnings or notes')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never colour the output (also NO_COLOR)')
            [CompletionResult]::new('--no-cache', '--no-cache', [CompletionResultType]::ParameterName, 'Skip the endpoint cache: always call DescribeSignalingChannel and GetSignalingChannelEndpoint')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('stats', 'stats', [CompletionResultType]::ParameterValue, 'Ask the emulator at --endpoint-url (or AWS_ENDPOINT_URL_KINESIS_VIDEO) what it has served: requests by operation, signaling connections and relayed messages, and per stream the storage sessions it recorded (frames, bytes, the last session''s directory and how it ended)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'kvs-esp;emulator;stats' {
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Named profile from ~/.aws/config and ~/.aws/credentials')
            [CompletionResult]::new('--endpoint-url', '--endpoint-url', [CompletionResultType]::ParameterName, 'Control-plane endpoint, e.g. the emulator''s http://127.0.0.1:8480 [default: AWS_ENDPOINT_URL_KINESIS_VIDEO, then AWS_ENDPOINT_URL, then https://kinesisvideo.<region>.amazonaws.com]')
            [CompletionResult]::new('--ca-file', '--ca-file', [CompletionResultType]::ParameterName, 'A PEM file of extra CA certificates to trust, e.g. the emulator''s ca.pem (also AWS_CA_BUNDLE)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format: text for people, json for scripts (one JSON document per command)')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: text for people, json for scripts (one JSON document per command)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more: -v shows every API call as an event line, -vv adds debug detail')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more: -v shows every API call as an event line, -vv adds debug detail')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only results and errors, no warnings or notes')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only results and errors, no warnings or notes')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never colour the output (also NO_COLOR)')
            [CompletionResult]::new('--no-cache', '--no-cache', [CompletionResultType]::ParameterName, 'Skip the endpoint cache: always call DescribeSignalingChannel and GetSignalingChannelEndpoint')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'kvs-esp;emulator;help' {
            [CompletionResult]::new('stats', 'stats', [CompletionResultType]::ParameterValue, 'Ask the emulator at --endpoint-url (or AWS_ENDPOINT_URL_KINESIS_VIDEO) what it has served: requests by operation, signaling connections and relayed messages, and per stream the storage sessions it recorded (frames, bytes, the last session''s directory and how it ended)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'kvs-esp;emulator;help;stats' {
            break
        }
        'kvs-esp;emulator;help;help' {
            break
        }
        'kvs-esp;help' {
            [CompletionResult]::new('channel', 'channel', [CompletionResultType]::ParameterValue, 'Create, describe, list and delete signaling channels (the control plane)')
            [CompletionResult]::new('stream', 'stream', [CompletionResultType]::ParameterValue, 'Create, describe, list and delete Kinesis video streams: what a channel''s media is recorded into once `kvs-esp channel storage enable` names one (WebRTC ingestion)')
            [CompletionResult]::new('endpoint', 'endpoint', [CompletionResultType]::ParameterValue, 'Look up a channel''s signaling endpoints (GetSignalingChannelEndpoint)')
            [CompletionResult]::new('ice-config', 'ice-config', [CompletionResultType]::ParameterValue, 'Fetch TURN servers and credentials (GetIceServerConfig, on the channel''s HTTPS endpoint)')
            [CompletionResult]::new('signal', 'signal', [CompletionResultType]::ParameterValue, 'Run a WebSocket signaling session as master or viewer (messages in and out as JSON lines)')
            [CompletionResult]::new('webrtc', 'webrtc', [CompletionResultType]::ParameterValue, 'Run a real WebRTC peer over signaling (ICE, TURN, DTLS, data channel, RTP) and report, layer by layer, whether media flows and where it stops')
            [CompletionResult]::new('turn-tls', 'turn-tls', [CompletionResultType]::ParameterValue, 'Probe TURN over TLS as an ESP32 with its certificate bundle would use it')
            [CompletionResult]::new('doctor', 'doctor', [CompletionResultType]::ParameterValue, 'Run every check a KVS WebRTC connection depends on, in order, with one verdict each: credentials, region, DNS/TCP/TLS to the control plane, clock, the channel''s API calls, the WebSocket, TURN over TLS')
            [CompletionResult]::new('flash', 'flash', [CompletionResultType]::ParameterValue, 'Build the companion firmware for a board and flash it over the serial port (espflash''s stub loader, compressed, MD5-verified); --monitor then shows the device''s log and answers its provisioning prompt')
            [CompletionResult]::new('monitor', 'monitor', [CompletionResultType]::ParameterValue, 'Show an ESP32''s serial log: lines classified (ROM banner, ESP-IDF log, kvs events, panics), every code address symbolized from --elf and RISC-V stack dumps unwound into a backtrace; --output json streams one JSON object per line')
            [CompletionResult]::new('diagnose', 'diagnose', [CompletionResultType]::ParameterValue, 'Watch a device and the host signal on one channel: provision the device as master over its serial port, send it an offer from a host WebRTC viewer, and show both sides on one timeline with each phase''s duration and a verdict that names the first failing phase and its likely cause. The companion firmware checks its own network paths once CONNECTED (STUN, TURN over UDP, TCP and TLS with its bundle) and answers with a diagnostic answer that carries its ICE-lite candidates, which the host checks; a device that answers with media (a KVS C SDK master; --no-provision when it runs its own firmware) has its media path checked instead: ICE, DTLS, the data channel, the first frames and keyframe')
            [CompletionResult]::new('virtual-device', 'virtual-device', [CompletionResultType]::ParameterValue, 'Run a virtual ESP32 on a pseudo-terminal: the companion firmware''s console (boot log, provisioning prompt, event lines, path checks, diagnostic SDP answers with its ICE-lite agent) with the core''s machines run by the host, against AWS or the emulator; or a board with a real WebRTC master (--answer media). `monitor` and `diagnose` work with it as with a board')
            [CompletionResult]::new('cache', 'cache', [CompletionResultType]::ParameterValue, 'Show or clear the endpoint cache')
            [CompletionResult]::new('completions', 'completions', [CompletionResultType]::ParameterValue, 'Print a shell completion script, e.g. `kvs-esp completions bash > /etc/bash_completion.d/kvs-esp`')
            [CompletionResult]::new('emulator', 'emulator', [CompletionResultType]::ParameterValue, 'Run a local KVS on loopback: control plane, signaling API, SigV4 verification, TURN REST credentials, and WebRTC ingestion''s storage sessions (recorded under --state-dir); `emulator stats` asks a running one what it has served and recorded')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'kvs-esp;help;channel' {
            [CompletionResult]::new('create', 'create', [CompletionResultType]::ParameterValue, 'Create a signaling channel (CreateSignalingChannel)')
            [CompletionResult]::new('describe', 'describe', [CompletionResultType]::ParameterValue, 'Show a channel''s ARN, status, version and message TTL (DescribeSignalingChannel)')
            [CompletionResult]::new('delete', 'delete', [CompletionResultType]::ParameterValue, 'Delete a channel (DescribeSignalingChannel for the current version, then DeleteSignalingChannel)')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List channels, following every page (ListSignalingChannels)')
            [CompletionResult]::new('storage', 'storage', [CompletionResultType]::ParameterValue, 'Record the channel''s media into a Kinesis video stream, stop, or show where it goes (the channel''s media storage configuration). A recording channel''s master joins the storage session with JoinStorageSession and sends it H.264 video and Opus audio')
            break
        }
        'kvs-esp;help;channel;create' {
            break
        }
        'kvs-esp;help;channel;describe' {
            break
        }
        'kvs-esp;help;channel;delete' {
            break
        }
        'kvs-esp;help;channel;list' {
            break
        }
        'kvs-esp;help;channel;storage' {
            [CompletionResult]::new('enable', 'enable', [CompletionResultType]::ParameterValue, 'Record the channel''s media into a stream (UpdateMediaStorageConfiguration, Status ENABLED). The stream must keep data (a retention above 0) and record no other channel')
            [CompletionResult]::new('disable', 'disable', [CompletionResultType]::ParameterValue, 'Stop recording the channel''s media (UpdateMediaStorageConfiguration, Status DISABLED)')
            [CompletionResult]::new('describe', 'describe', [CompletionResultType]::ParameterValue, 'Show whether the channel''s media is recorded, and into which stream (DescribeMediaStorageConfiguration)')
            break
        }
        'kvs-esp;help;channel;storage;enable' {
            break
        }
        'kvs-esp;help;channel;storage;disable' {
            break
        }
        'kvs-esp;help;channel;storage;describe' {
            break
        }
        'kvs-esp;help;stream' {
            [CompletionResult]::new('create', 'create', [CompletionResultType]::ParameterValue, 'Create a stream (CreateStream)')
            [CompletionResult]::new('describe', 'describe', [CompletionResultType]::ParameterValue, 'Show a stream''s ARN, status, retention and version (DescribeStream)')
            [CompletionResult]::new('delete', 'delete', [CompletionResultType]::ParameterValue, 'Delete a stream (DescribeStream for the current version, then DeleteStream). A channel that recorded into it can no longer join its storage session')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List streams, following every page (ListStreams)')
            break
        }
        'kvs-esp;help;stream;create' {
            break
        }
        'kvs-esp;help;stream;describe' {
            break
        }
        'kvs-esp;help;stream;delete' {
            break
        }
        'kvs-esp;help;stream;list' {
            break
        }
        'kvs-esp;help;endpoint' {
            [CompletionResult]::new('get', 'get', [CompletionResultType]::ParameterValue, 'Get the WSS and HTTPS endpoints for a role; cached for 10 hours unless --no-cache')
            break
        }
        'kvs-esp;help;endpoint;get' {
            break
        }
        'kvs-esp;help;ice-config' {
            [CompletionResult]::new('get', 'get', [CompletionResultType]::ParameterValue, 'Get TURN servers with short-lived credentials for a client')
            break
        }
        'kvs-esp;help;ice-config;get' {
            break
        }
        'kvs-esp;help;signal' {
            [CompletionResult]::new('connect', 'connect', [CompletionResultType]::ParameterValue, 'Connect and stay connected: print every received message as one JSON object per line on stdout; send the JSON lines read from stdin (or --send FILE), e.g. {"action":"SDP_OFFER","payload":{"type":"offer","sdp":"v=0…"}} or, as master, {"action":"ICE_CANDIDATE","recipient":"viewer-1","payload":{"candidate":"candidate:…"}}. Reconnects on drops, GO_AWAY and RECONNECT_ICE_SERVER; prints a metrics summary at exit')
            [CompletionResult]::new('alexa-offer', 'alexa-offer', [CompletionResultType]::ParameterValue, 'Send an SDP offer to the channel''s master with SendAlexaOfferToMaster (the HTTPS call an Alexa device uses instead of a WebSocket) and print the master''s answer. The master must be connected (or connect within the channel''s message TTL) and answer within 10 s')
            break
        }
        'kvs-esp;help;signal;connect' {
            break
        }
        'kvs-esp;help;signal;alexa-offer' {
            break
        }
        'kvs-esp;help;webrtc' {
            [CompletionResult]::new('connect', 'connect', [CompletionResultType]::ParameterValue, 'Connect a WebRTC peer to a channel. As viewer: offer receive-only audio and video (H.264, VP8, Opus, PCMU, PCMA) and a data channel, trickle candidates (host, server-reflexive from STUN, relay from the channel''s TURN servers over UDP, TCP and TLS), and report every layer — candidates, pairs and their round trips, the nominated pair, DTLS, the data channel''s echo, each track''s first packet and keyframe and per-second figures. As master: answer every viewer (up to 10), send an H.264 and an Opus track (a built-in test clip, or --video/--audio files, looped), and echo the data channel — as the KVS C SDK''s sample master does. Ends with a verdict that names the first failing layer and its likely cause (exit 7)')
            break
        }
        'kvs-esp;help;webrtc;connect' {
            break
        }
        'kvs-esp;help;turn-tls' {
            [CompletionResult]::new('probe', 'probe', [CompletionResultType]::ParameterValue, 'For every turns:…?transport=tcp server of a channel (or one --uri): DNS, TCP, TLS (chain, version, cipher, anchoring root, whether ESP-IDF''s default bundle trusts it), TURN Allocate with long-term credentials, an optional relay round trip (--peer), and Refresh to release — each step timed')
            break
        }
        'kvs-esp;help;turn-tls;probe' {
            break
        }
        'kvs-esp;help;doctor' {
            break
        }
        'kvs-esp;help;flash' {
            break
        }
        'kvs-esp;help;monitor' {
            break
        }
        'kvs-esp;help;diagnose' {
            break
        }
        'kvs-esp;help;virtual-device' {
            break
        }
        'kvs-esp;help;cache' {
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'List cached endpoint entries and when each expires')
            [CompletionResult]::new('clear', 'clear', [CompletionResultType]::ParameterValue, 'Remove every cached entry')
            break
        }
        'kvs-esp;help;cache;show' {
            break
        }
        'kvs-esp;help;cache;clear' {
            break
        }
        'kvs-esp;help;completions' {
            break
        }
        'kvs-esp;help;emulator' {
            [CompletionResult]::new('stats', 'stats', [CompletionResultType]::ParameterValue, 'Ask the emulator at --endpoint-url (or AWS_ENDPOINT_URL_KINESIS_VIDEO) what it has served: requests by operation, signaling connections and relayed messages, and per stream the storage sessions it recorded (frames, bytes, the last session''s directory and how it ended)')
            break
        }
        'kvs-esp;help;emulator;stats' {
            break
        }
        'kvs-esp;help;help' {
            break
        }
    })

    $completions.Where{ $_.CompletionText -like "$wordToComplete*" } |
        Sort-Object -Property ListItemText
}
