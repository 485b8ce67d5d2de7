# Print an optspec for argparse to handle cmd's options that are independent of any subcommand.
function __fish_kvs_esp_global_optspecs
    string join \n region= profile= endpoint-url= ca-file= o/output= v/verbose q/quiet no-color no-cache h/help V/version
end

function __fish_kvs_esp_needs_command
    # Figure out if the current invocation already has a command.
    set -l cmd (commandline -opc)
    set -e cmd[1]
    argparse -s (__fish_kvs_esp_global_optspecs) -- $cmd 2>/dev/null
    or return
    if set -q argv[1]
        # Also print the command, so this can be used to figure out what it is.
        echo $argv[1]
        return 1
    end
    return 0
end

function __fish_kvs_esp_using_subcommand
    set -l cmd (__fish_kvs_esp_needs_command)
    test -z "$cmd"
    and return 1
    contains -- $cmd[1] $argv
end

complete -c kvs-esp -n "__fish_kvs_esp_needs_command" -l region -d 'AWS region (default: from AWS_REGION, AWS_DEFAULT_REGION or the profile)' -r
complete -c kvs-esp -n "__fish_kvs_esp_needs_command" -l profile -d 'Named profile from ~/.aws/config and ~/.aws/credentials' -r
complete -c kvs-esp -n "__fish_kvs_esp_needs_command" -l endpoint-url -d 'Control-plane endpoint, e.g. the emulator\'s http://127.0.0.1:8480 [default: AWS_ENDPOINT_URL_KINESIS_VIDEO, then AWS_ENDPOINT_URL, then https://kinesisvideo.<region>.amazonaws.com]' -r
complete -c kvs-esp -n "__fish_kvs_esp_needs_command" -l ca-file -d 'A PEM file of extra CA certificates to trust, e.g. the emulator\'s ca.pem (also AWS_CA_BUNDLE)' -r -F
complete -c kvs-esp -n "__fish_kvs_esp_needs_command" -s o -l output -d 'Output format: text for people, json for scripts (one JSON document per command)' -r -f -a "text\t''
json\t''"
complete -c kvs-esp -n "__fish_kvs_esp_needs_command" -s v -l verbose -d 'Print more: -v shows every API call as an event line, -vv adds debug detail'
complete -c kvs-esp -n "__fish_kvs_esp_needs_command" -s q -l quiet -d 'Print only results and errors, no warnings or notes'
complete -c kvs-esp -n "__fish_kvs_esp_needs_command" -l no-color -d 'Never colour the output (also NO_COLOR)'
complete -c kvs-esp -n "__fish_kvs_esp_needs_command" -l no-cache -d 'Skip the endpoint cache: always call DescribeSignalingChannel and GetSignalingChannelEndpoint'
complete -c kvs-esp -n "__fish_kvs_esp_needs_command" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c kvs-esp -n "__fish_kvs_esp_needs_command" -s V -l version -d 'Print version'
complete -c kvs-esp -n "__fish_kvs_esp_needs_command" -f -a "channel" -d 'Create, describe, list and delete signaling channels (the control plane)'
complete -c kvs-esp -n "__fish_kvs_esp_needs_command" -f -a "stream" -d 'Create, describe, list and delete Kinesis video streams: what a channel\'s media is recorded into once `kvs-esp channel storage enable` names one (WebRTC ingestion)'
complete -c kvs-esp -n "__fish_kvs_esp_needs_command" -f -a "endpoint" -d 'Look up a channel\'s signaling endpoints (GetSignalingChannelEndpoint)'
complete -c kvs-esp -n "__fish_kvs_esp_needs_command" -f -a "ice-config" -d 'Fetch TURN servers and credentials (GetIceServerConfig, on the channel\'s HTTPS endpoint)'
complete -c kvs-esp -n "__fish_kvs_esp_needs_command" -f -a "signal" -d 'Run a WebSocket signaling session as master or viewer (messages in and out as JSON lines)'
complete -c kvs-esp -n "__fish_kvs_esp_needs_command" -f -a "webrtc" -d 'Run a real WebRTC peer over signaling (ICE, TURN, DTLS, data channel, RTP) and report, layer by layer, whether media flows and where it stops'
complete -c kvs-esp -n "__fish_kvs_esp_needs_command" -f -a "turn-tls" -d 'Probe TURN over TLS as an ESP32 with its certificate bundle would use it'
complete -c kvs-esp -n "__fish_kvs_esp_needs_command" -f -a "doctor" -d 'Run every check a KVS WebRTC connection depends on, in order, with one verdict each: credentials, region, DNS/TCP/TLS to the control plane, clock, the channel\'s API calls, the WebSocket, TURN over TLS'
complete -c kvs-esp -n "__fish_kvs_esp_needs_command" -f -a "flash" -d 'Build the companion firmware for a board and flash it over the serial port (espflash\'s stub loader, compressed, MD5-verified); --monitor then shows the device\'s log and answers its provisioning prompt'
complete -c kvs-esp -n "__fish_kvs_esp_needs_command" -f -a "monitor" -d 'Show an ESP32\'s serial log: lines classified (ROM banner, ESP-IDF log, kvs events, panics), every code address symbolized from --elf and RISC-V stack dumps unwound into a backtrace; --output json streams one JSON object per line'
complete -c kvs-esp -n "__fish_kvs_esp_needs_command" -f -a "diagnose" -d 'Watch a device and the host signal on one channel: provision the device as master over its serial port, send it an offer from a host WebRTC viewer, and show both sides on one timeline with each phase\'s duration and a verdict that names the first failing phase and its likely cause. The companion firmware checks its own network paths once CONNECTED (STUN, TURN over UDP, TCP and TLS with its bundle) and answers with a diagnostic answer that carries its ICE-lite candidates, which the host checks; a device that answers with media (a KVS C SDK master; --no-provision when it runs its own firmware) has its media path checked instead: ICE, DTLS, the data channel, the first frames and keyframe'
complete -c kvs-esp -n "__fish_kvs_esp_needs_command" -f -a "virtual-device" -d 'Run a virtual ESP32 on a pseudo-terminal: the companion firmware\'s console (boot log, provisioning prompt, event lines, path checks, diagnostic SDP answers with its ICE-lite agent) with the core\'s machines run by the host, against AWS or the emulator; or a board with a real WebRTC master (--answer media). `monitor` and `diagnose` work with it as with a board'
complete -c kvs-esp -n "__fish_kvs_esp_needs_command" -f -a "cache" -d 'Show or clear the endpoint cache'
complete -c kvs-esp -n "__fish_kvs_esp_needs_command" -f -a "completions" -d 'Print a shell completion script, e.g. `kvs-esp completions bash > /etc/bash_completion.d/kvs-esp`'
complete -c kvs-esp -n "__fish_kvs_esp_needs_command" -f -a "emulator" -d 'Run a local KVS on loopback: control plane, signaling API, SigV4 verification, TURN REST credentials, and WebRTC ingestion\'s storage sessions (recorded under --state-dir); `emulator stats` asks a running one what it has served and recorded'
complete -c kvs-esp -n "__fish_kvs_esp_needs_command" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c kvs-esp -n "__fish_kvs_esp_using_subcommand channel; and not __fish_seen_subcommand_from create describe delete list storage help" -l region -d 'AWS region (default: from AWS_REGION, AWS_DEFAULT_REGION or the profile)' -r
complete -c kvs-esp -n "__fish_kvs_esp_using_subcommand channel; and not __fish_seen_subcommand_from create describe delete list storage help" -l profile -d 'Named profile from ~/.aws/config and ~/.aws/credentials' -r
complete -c kvs-esp -n "__fish_kvs_esp_using_subcommand channel; and not __fish_seen_subcommand_from create describe delete list storage help" -l endpoint-url -d 'Control-plane endpoint, e.g. the emulator\'s http://127.0.0.1:8480 [default: AWS_ENDPOINT_URL_KINESIS_VIDEO, then AWS_ENDPOINT_URL, then https://kinesisvideo.<region>.amazonaws.com]' -r
complete -c kvs-esp -n "__fish_kvs_esp_using_subcommand channel; and not __fish_seen_subcommand_from create describe delete list storage help" -l ca-file -d 'A PEM file of extra CA certificates to trust, e.g. the emulator\'s ca.pem (also AWS_CA_BUNDLE)' -r -F
complete -c kvs-esp -n "__fish_kvs_esp_using_subcommand channel; and not __fish_seen_subcommand_from create describe delete list storage help" -s o -l output -d 'Output format: text for people, json for scripts (one JSON document per command)' -r -f -a "text\t''
json\t''"
complete -c kvs-esp -n "__fish_kvs_esp_using_subcommand channel; and not __fish_seen_subcommand_from create describe delete list storage help" -s v -l verbose -d 'Print more: -v shows every API call as an event line, -vv adds debug detail'
complete -c kvs-esp -n "__fish_kvs_esp_using_subcommand channel; and not __fish_seen_subcommand_from create describe delete list storage help" -s q -l quiet -d 'Print only results and errors, no warnings or notes'
complete -c kvs-esp -n "__fish_kvs_esp_using_subcommand channel; and not __fish_seen_subcommand_from create describe delete list storage help" -l no-color -d 'Never colour the output (also NO_COLOR)'
complete -c kvs-esp -n "__fish_kvs_esp_using_subcommand channel; and not __fish_seen_subcommand_from create describe delete list storage help" -l no-cache -d 'Skip the endpoint cache: always call DescribeSignalingChannel and GetSignalingChannelEndpoint'
complete -c kvs-esp -n "__fish_kvs_esp_using_subcommand channel; and not __fish_seen_subcommand_from create describe delete list storage help" -s h -l help -d 'Print help'
complete -c kvs-esp -n "__fish_kvs_esp_using_subcommand channel; and not __fish_seen_subcommand_from create describe delete list storage help" -s V -l version -d 'Print version'
complete -c kvs-esp -n "__fish_kvs_esp_using_subcommand channel; and not __fish_seen_subcommand_from create describe delete list storage help" -f -a "create" -d 'Create a signaling channel (CreateSignalingChannel)'
complete -c kvs-esp -n "__fish_kvs_esp_using_subcommand channel; and not __fish_seen_subcommand_from create describe delete list storage help" -f -a "describe" -d 'Show a channel\'s ARN, status, version and message TTL (DescribeSignalingChannel)'
complete -c kvs-esp -n "__fish_kvs_esp_using_subcommand channel; and not __fish_seen_subcommand_from create describe delete list storage help" -f -a "delete" -d 'Delete a channel (DescribeSignalingChannel for the current version, then DeleteSignalingChannel)'
complete -c kvs-esp -n "__fish_kvs_esp_using_subcommand channel; and not __fish_seen_subcommand_from create describe delete list storage help" -f -a "list" -d 'List channels, following every page (ListSignalingChannels)'
complete -c kvs-esp -n "__fish_kvs_esp_using_subcommand channel; and not __fish_seen_subcommand_from create describe delete list storage help" -f -a "storage" -d 'Record the channel\'s media into a Kinesis video stream, stop, or show where it goes (the channel\'s media storage configuration). A recording channel\'s master joins the storage session with JoinStorageSession and sends it H.264 video and Opus audio'
complete -c kvs-esp -n "__fish_kvs_esp_using_subcommand channel; and not __fish_seen_subcommand_from create describe delete list storage help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c kvs-esp -n "__fish_kvs_esp_using_subcommand channel; and __fish_seen_subcommand_from create" -l type -d 'Channel type' -r -f -a "single-master\t''
full-mesh\t''"
complete -c kvs-esp -n "__fish_kvs_esp_using_subcommand channel; and __fish_seen_subcommand_from create" -l message-ttl -d 'Seconds an undelivered message waits for its recipient (5–120)' -r
complete -c kvs-esp -n "__fish_kvs_esp_using_subcommand channel; and __fish_seen_subcommand_from create" -l tag -d 'A tag KEY=VALUE; repeat for more (at most 50)' -r
complete -c kvs-esp -n "__fish_kvs_esp_using_subcommand channel; and __fish_seen_subcommand_from create" -l region -d 'AWS region (default: from AWS_REGION, AWS_DEFAULT_REGION or the profile)' -r
complete -c kvs-esp -n "__fish_kvs_esp_using_subcommand channel; and __fish_seen_subcommand_from create" -l profile -d 'Named profile from ~/.aws/config and ~/.aws/credentials' -r
complete -c kvs-esp -n "__fish_kvs_esp_using_subcommand channel; and __fish_seen_subcommand_from create" -l endpoint-url -d 'Control-plane endpoint, e.g. the emulator\'s http://127.0.0.1:8480 [default: AWS_ENDPOINT_URL_KINESIS_VIDEO, then AWS_ENDPOINT_URL, then https://kinesisvideo.<region>.amazonaws.com]' -r
complete -c kvs-esp -n "__fish_kvs_esp_using_subcommand channel; and __fish_seen_subcommand_from create" -l ca-file -d 'A PEM file of extra CA certificates to trust, e.g. the emulator\'s ca.pem (also AWS_CA_BUNDLE)' -r -F
complete -c kvs-esp -n "__fish_kvs_esp_using_subcommand channel; and __fish_seen_subcommand_from create" -s o -l output -d 'Output format: text for people, json for scripts (one JSON document per command)' -r -f -a "text\t''
json\t''"
complete -c kvs-esp -n "__fish_kvs_esp_using_subcommand channel; and __fish_seen_subcommand_from create" -s v -l verbose -d 'Print more: -v shows every API call as an event line, -vv adds debug detail'
complete -c kvs-esp -n "__fish_kvs_esp_using_subcommand channel; and __fish_seen_subcommand_from create" -s q -l quiet -d 'Print only results and errors, no warnings or notes'
complete -c kvs-esp -n "__fish_kvs_esp_using_subcommand channel; and __fish_seen_subcommand_from create" -l no-color -d 'Never colour the output (also NO_COLOR)'
complete -c kvs-esp -n "__fish_kvs_esp_using_subcommand channel; and __fish_seen_subcommand_from create" -l no-cache -d 'Skip the endpoint cache: always call DescribeSignalingChannel and GetSignalingChannelEndpoint'
complete -c kvs-esp -n "__fish_kvs_esp_using_subcommand channel; and __fish_seen_subcommand_from create" -s h -l help -d 'Print help'
complete -c kvs-esp -n "__fish_kvs_esp_using_subcommand channel; and __fish_seen_subcommand_from create" -s V -l version -d 'Print version'
complete -c kvs-esp -n "__fish_kvs_esp_using_subcommand channel; and __fish_seen_subcommand_from describe" -l region -d 'AWS region (default: from AWS_REGION, AWS_DEFAULT_REGION or the profile)' -r
complete -c kvs-esp -n "__fish_kvs_esp_using_subcommand channel; and __fish_seen_subcommand_from describe" -l profile -d 'Named profile from ~/.aws/config and ~/.aws/credentials' -r
complete -c kvs-esp -n "__fish_kvs_esp_using_subcommand channel; and __fish_seen_subcommand_from describe" -l endpoint-url -d 'Control-plane endpoint, e.g. the emulator\'s http://127.0.0.1:8480 [default: AWS_ENDPOINT_URL_KINESIS_VIDEO, then AWS_ENDPOINT_URL, then https://kinesisvideo.<region>.amazonaws.com]' -r
complete -c kvs-esp -n "__fish_kvs_esp_using_subcommand channel; and __fish_seen_subcommand_from describe" -l ca-file -d 'A PEM file of extra CA certificates to trust, e.g. the emulator\'s ca.pem (also AWS_CA_BUNDLE)' -r -F
complete -c kvs-esp -n "__fish_kvs_esp_using_subcommand channel; and __fish_seen_subcommand_from describe" -s o -l output -d 'Output format: text for people, json for scripts (one JSON document per command)' -r -f -a "text\t''
json\t''"
complete -c kvs-esp -n "__fish_kvs_esp_using_subcommand channel; and __fish_seen_subcommand_from describe" -s v -l verbose -d 'Print more: -v shows every API call as an event line, -vv adds debug detail'
complete -c kvs-esp -n "__fish_kvs_esp_using_subcommand channel; and __fish_seen_subcommand_from describe" -s q -l quiet -d 'Print only results and errors, no warnings or notes'
complete -c kvs-esp -n "__fish_kvs_esp_using_subcommand channel; and __fish_seen_subcommand_from describe" -l no-color -d 'Never colour the output (also NO_COLOR)'
complete -c kvs-esp -n "__fish_kvs_esp_using_subcommand channel; and __fish_seen_subcommand_from describe" -l no-cache -d 'Skip the endpoint cache: always call DescribeSignalingChannel and GetSignalingChannelEndpoint'
complete -c kvs-esp -n "__fish_kvs_esp_using_subcommand channel; and __fish_seen_subcommand_from describe" -s h -l help -d 'Print help'
complete -c kvs-esp -n "__fish_kvs_esp_using_subcommand channel; and __fish_seen_subcommand_from describe" -s V -l version -d 'Print version'
complete -c kvs-esp -n "__fish_kvs_esp_using_subcommand channel; and __fish_seen_subcommand_from delete" -l region -d 'AWS region (default: from AWS_REGION, AWS_DEFAULT_REGION or the profile)' -r
complete -c kvs-esp -n "__fish_kvs_esp_using_subcommand channel; and __fish_seen_subcommand_from delete" -l profile -d 'Named profile from ~/.aws/config and ~/.aws/credentials' -r
complete -c kvs-esp -n "__fish_kvs_esp_using_subcommand channel; and __fish_seen_subcommand_from delete" -l endpoint-url -d 'Control-plane endpoint, e.g. the emulator\'s http://127.0.0.1:8480 [default: AWS_ENDPOINT_URL_KINESIS_VIDEO, then AWS_ENDPOINT_URL, then https://kinesisvideo.<region>.amazonaws.com]' -r
complete -c kvs-esp -n "__fish_kvs_esp_using_subcommand channel; and __fish_seen_subcommand_from delete" -l ca-file -d 'A PEM file of extra CA certificates to trust, e.g. the emulator\'s ca.pem (also AWS_CA_BUNDLE)' -r -F
complete -c kvs-esp -n "__fish_kvs_esp_using_subcommand channel; and __fish_seen_subcommand_from delete" -s o -l output -d 'Output format: text for people, json for scripts (one JSON document per command)' -r -f -a "text\t''
json\t''"
complete -c kvs-esp -n "__fish_kvs_esp_using_subcommand channel; and __fish_seen_subcommand_from delete" -s v -l verbose -d 'Print more: -v shows every API call as an event line, -vv adds debug detail'
complete -c kvs-esp -n "__fish_kvs_esp_using_subcommand channel; and __fish_seen_subcommand_from delete" -s q -l quiet -d 'Print only results and errors, no warnings or notes'
complete -c kvs-esp -n "__fish_kvs_esp_using_subcommand channel; and __fish_seen_subcommand_from delete" -l no-color -d 'Never colour the output (also NO_COLOR)'
complete -c kvs-esp -n "__fish_kvs_esp_using_subcommand channel; and __fish_seen_subcommand_from delete" -l no-cache -d 'Skip the endpoint cache: always call DescribeSignalingChannel and GetSignalingChannelEndpoint'
complete -c kvs-esp -n "__fish_kvs_esp_using_subcommand channel; and __fish_seen_subcommand_from delete" -s h -l help -d 'Print help'
complete -c kvs-esp -n "__fish_kvs_esp_using_subcommand channel; and __fish_seen_subcommand_from delete" -s V -l version -d 'Print version'
complete -c kvs-esp -n "__fish_kvs_esp_using_subcommand channel; and __fish_seen_subcommand_from list" -l prefix -d 'Only channels whose name begins with this' -r
complete -c kvs-esp -n "__fish_kvs_esp_using_subcommand channel; and __fish_seen_subcommand_from list" -l page-size -d 'Channels asked for per ListSignalingChannels call (1–10000)' -r
complete -c kvs-esp -n "__fish_kvs_esp_using_subcommand channel; and __fish_seen_subcommand_from list" -l region -d 'AWS region (default: from AWS_REGION, AWS_DEFAULT_REGION or the profile)' -r
complete -c kvs-esp -n "__fish_kvs_esp_using_subcommand channel; and __fish_seen_subcommand_from list" -l profile -d 'Named profile from ~/.aws/config and ~/.aws/credentials' -r
complete -c kvs-esp -n "__fish_kvs_esp_using_subcommand channel; and __fish_seen_subcommand_from list" -l endpoint-url -d 'Control-plane endpoint, e.g. the emulator\'s http://127.0.0.1:8480 [default: AWS_ENDPOINT_URL_KINESIS_VIDEO, then AWS_ENDPOINT_URL, then https://kinesisvideo.<region>.amazonaws.com]' -r
complete -c kvs-esp -n "__fish_kvs_esp_using_subcommand channel; and __fish_seen_subcommand_from list" -l ca-file -d 'A PEM file of extra CA certificates to trust, e.g. the emulator\'s ca.pem (also AWS_CA_BUNDLE)' -r -F
complete -c kvs-esp -n "__fish_kvs_esp_using_subcommand channel; and __fish_seen_subcommand_from list" -s o -l output -d 'Output format: text for people, json for scripts (one JSON document per command)' -r -f -a "text\t''
json\t''"
complete -c kvs-esp -n "__fish_kvs_esp_using_subcommand channel; and __fish_seen_subcommand_from list" -s v -l verbose -d 'Print more: -v shows every API call as an event line, -vv adds debug detail'
complete -c kvs-esp -n "__fish_kvs_esp_using_subcommand channel; and __fish_seen_subcommand_from list" -s q -l quiet -d 'Print only results and errors, no warnings or notes'
complete -c kvs-esp -n "__fish_kvs_esp_using_subcommand channel; and __fish_seen_subcommand_from list" -l no-color -d 'Never colour the output (also NO_COLOR)'
complete -c kvs-esp -n "__fish_kvs_esp_using_subcommand channel; and __fish_seen_subcommand_from list" -l no-cache -d 'Skip the endpoint cache: always call DescribeSignalingChannel and GetSignalingChannelEndpoint'
complete -c kvs-esp -n "__fish_kvs_esp_using_subcommand channel; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help'
complete -c kvs-esp -n "__fish_kvs_esp_using_subcommand channel; and __fish_seen_subcommand_from list" -s V -l version -d 'Print version'
complete -c kvs-esp -n "__fish_kvs_esp_using_subcommand channel; and __fish_seen_subcommand_from storage" -l region -d 'AWS region (default: from AWS_REGION, AWS_DEFAULT_REGION or the profile)' -r
complete -c kvs-esp -n "__fish_kvs_esp_using_subcommand channel; and __fish_seen_subcommand_from storage" -l profile -d 'Named profile from ~/.aws/config and ~/.aws/credentials' -r
complete -c kvs-esp -n "__fish_kvs_esp_using_subcommand channel; and __fish_seen_subcommand_from storage" -l endpoint-url -d 'Control-plane endpoint, e.g. the emulator\'s http://127.0.0.1:8480 [default: AWS_ENDPOINT_URL_KINESIS_VIDEO, then AWS_ENDPOINT_URL, then https://kinesisvideo.<region>.amazonaws.com]' -r
complete -c kvs-esp -n "__fish_kvs_esp_using_subcommand channel; and __fish_seen_subcommand_from storage" -l ca-file -d 'A PEM file of extra CA certificates to trust, e.g. the emulator\'s ca.pem (also AWS_CA_BUNDLE)' -r -F
complete -c kvs-esp -n "__fish_kvs_esp_using_subcommand channel; and __fish_seen_subcommand_from storage" -s o -l output -d 'Output format: text for people, json for scripts (one JSON document per command)' -r -f -a "text\t''
json\t''"
complete -c kvs-esp -n "__fish_kvs_esp_using_subcommand channel; and __fish_seen_subcommand_from storage" -s v -l verbose -d 'Print more: -v shows every API call as an event line, -vv adds debug detail'
complete -c kvs-esp -n "__fish_kvs_esp_using_subcommand channel; and __fish_seen_subcommand_from storage" -s q -l quiet -d 'Print only results and errors, no warnings or notes'
complete -c kvs-esp -n "__fish_kvs_esp_using_subcommand channel; and __fish_seen_subcommand_from storage" -l no-color -d 'Never colour the output (also NO_COLOR)'
complete -c kvs-esp -n "__fish_kvs_esp_using_subcommand channel; and __fish_seen_subcommand_from storage" -l no-cache -d 'Skip the endpoint cache: always call DescribeSignalingChannel and GetSignalingChannelEndpoint'
complete -c kvs-esp -n "__fish_kvs_esp_using_subcommand channel; and __fish_seen_subcommand_from storage" -s h -l help -d 'Print help'
complete -c kvs-esp -n "__fish_kvs_esp_using_subcommand channel; and __fish_seen_subcommand_from storage" -s V -l version -d 'Print version'
complete -c kvs-esp -n "__fish_kvs_esp_using_subcommand channel; and __fish_seen_subcommand_from storage" -f -a "enable" -d 'Record the channel\'s media into a stream (UpdateMediaStorageConfiguration, Status ENABLED). The stream must keep data (a retention above 0) and record no other channel'
complete -c kvs-esp -n "__fish_kvs_esp_using_subcommand channel; and __fish_seen_subcommand_from storage" -f -a "disable" -d 'Stop recording the channel\'s media (UpdateMediaStorageConfiguration, Status DISABLED)'
complete -c kvs-esp -n "__fish_kvs_esp_using_subcommand channel; and __fish_seen_subcommand_from storage" -f -a "describe" -d 'Show whether the channel\'s media is recorded, and into which stream (DescribeMediaStorageConfiguration)'
complete -c kvs-esp -n "__fish_kvs_esp_using_subcommand channel; and __fish_seen_subcommand_from storage" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c kvs-esp -n "__fish_kvs_esp_using_subcommand channel; and __fish_seen_subcommand_from help" -f -a "create" -d 'Create a signaling channel (CreateSignalingChannel)'
complete -c kvs-esp -n "__fish_kvs_esp_using_subcommand channel; and __fish_seen_subcommand_from help" -f -a "describe" -d 'Show a channel\'s ARN, status, version and message TTL (DescribeSignalingChannel)'
complete -c kvs-esp -n "__fish_kvs_esp_using_subcommand channel; and __fish_seen_subcommand_from help" -f -a "delete" -d 'Delete a channel (DescribeSignalingChannel for the current version, then DeleteSignalingChannel)'
complete -c kvs-esp -n "__fish_kvs_esp_using_subcommand channel; and __fish_seen_subcommand_from help" -f -a "list" -d 'List channels, following every page (ListSignalingChannels)'
complete -c kvs-esp -n "__fish_kvs_esp_using_subcommand channel; and __fish_seen_subcommand_from help" -f -a "storage" -d 'Record the channel\'s media into a Kinesis video stream, stop, or show where it goes (the channel\'s media storage configuration). A recording channel\'s master joins the storage session with JoinStorageSession and sends it H.264 video and Opus audio'
complete -c kvs-esp -n "__fish_kvs_esp_using_subcommand channel; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c kvs-esp -n "__fish_kvs_esp_using_subcommand stream; and not __fish_seen_subcommand_from create describe delete list help" -l region -d 'AWS region (default: from AWS_REGION, AWS_DEFAULT_REGION or the profile)' -r
complete -c kvs-esp -n "__fish_kvs_esp_using_subcommand stream; and not __fish_seen_subcommand_from create describe delete list help" -l profile -d 'Named profile from ~/.aws/config and ~/.aws/credentials' -r
complete -c kvs-esp -n "__fish_kvs_esp_using_subcommand stream; and not __fish_seen_subcommand_from create describe delete list help" -l endpoint-url -d 'Control-plane endpoint, e.g. the emulator\'s http://127.0.0.1:8480 [default: AWS_ENDPOINT_URL_KINESIS_VIDEO, then AWS_ENDPOINT_URL, then https://kinesisvideo.<region>.amazonaws.com]' -r
complete -c kvs-esp -n "__fish_kvs_esp_using_subcommand stream; and not __fish_seen_subcommand_from create describe delete list help" -l ca-file -d 'A PEM file of extra CA certificates to trust, e.g. the emulator\'s ca.pem (also AWS_CA_BUNDLE)' -r -F
complete -c kvs-esp -n "__fish_kvs_esp_using_subcommand stream; and not __fish_seen_subcommand_from create describe delete list help" -s o -l output -d 'Output format: text for people, json for scripts (one JSON document per command)' -r -f -a "text\t''
json\t''"
complete -c kvs-esp -n "__fish_kvs_esp_using_subcommand stream; and not __fish_seen_subcommand_from create describe delete list help" -s v -l verbose -d 'Print more: -v shows every API call as an event line, -vv adds debug detail'
complete -c kvs-esp -n "__fish_kvs_esp_using_subcommand stream; and not __fish_seen_subcommand_from create describe delete list help" -s q -l quiet -d 'Print only results and errors, no warnings or notes'
complete -c kvs-esp -n "__fish_kvs_esp_using_subcommand stream; and not __fish_seen_subcommand_from create describe delete list help" -l no-color -d 'Never colour the output (also NO_COLOR)'
complete -c kvs-esp -n "__fish_kvs_esp_using_subcommand stream; and not __fish_seen_subcommand_from create describe delete list help" -l no-cache -d 'Skip the endpoint cache: always call DescribeSignalingChannel and GetSignalingChannelEndpoint'
complete -c kvs-esp -n "__fish_kvs_esp_using_subcommand stream; and not __fish_seen_subcommand_from create describe delete list help" -s h -l help -d 'Print help'
complete -c kvs-esp -n "__fish_kvs_esp_using_subcommand stream; and not __fish_seen_subcommand_from create describe delete list help" -s V -l version -d 'Print version'
complete -c kvs-esp -n "__fish_kvs_esp_using_subcommand stream; and not __fish_seen_subcommand_from create describe delete list help" -f -a "create" -d 'Create a stream (CreateStream)'
complete -c kvs-esp -n "__fish_kvs_esp_using_subcommand stream; and not __fish_seen_subcommand_from create describe delete list help" -f -a "describe" -d 'Show a stream\'s ARN, status, retention and version (DescribeStream)'
complete -c kvs-esp -n "__fish_kvs_esp_using_subcommand stream; and not __fish_seen_subcommand_from create describe delete list help" -f -a "delete" -d 'Delete a stream (DescribeStream for the current version, then DeleteStream). A channel that recorded into it can no longer join its storage session'
complete -c kvs-esp -n "__fish_kvs_esp_using_subcommand stream; and not __fish_seen_subcommand_from create describe delete list help" -f -a "list" -d 'List streams, following every page (ListStreams)'
complete -c kvs-esp -n "__fish_kvs_esp_using_subcommand stream; and not __fish_seen_subcommand_from create describe delete list help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c kvs-esp -n "__fish_kvs_esp_using_subcommand stream; and __fish_seen_subcommand_from create" -l retention-hours -d 'Hours the stream keeps its media. 0 keeps nothing, and a stream that keeps nothing cannot record a channel (the service\'s default is 0; this command\'s is 24)' -r
complete -c kvs-esp -n "__fish_kvs_esp_using_subcommand stream; and __fish_seen_subcommand_from create" -l media-type -d 'The media type the stream is told to expect, e.g. video/h264 (a hint for players; the service does not check the media against it)' -r
complete -c kvs-esp -n "__fish_kvs_esp_using_subcommand stream; and __fish_seen_subcommand_from create" -l device-name -d 'The device that writes to the stream: 1–128 of A–Z a–z 0–9 _ . -' -r
complete -c kvs-esp -n "__fish_kvs_esp_using_subcommand stream; and __fish_seen_subcommand_from create" -l kms-key-id -d 'The KMS key that encrypts the stored media [default: the account\'s aws/kinesisvideo key]' -r
complete -c kvs-esp -n "__fish_kvs_esp_using_subcommand stream; and __fish_seen_subcommand_from create" -l tag -d 'A tag KEY=VALUE; repeat for more (at most 50)' -r
complete -c kvs-esp -n "__fish_kvs_esp_using_subcommand stream; and __fish_seen_subcommand_from create" -l region -d 'AWS region (default: from AWS_REGION, AWS_DEFAULT_REGION or the profile)' -r
complete -c kvs-esp -n "__fish_kvs_esp_using_subcommand stream; and __fish_seen_subcommand_from create" -l profile -d 'Named profile from ~/.aws/config and ~/.aws/credentials' -r
complete -c kvs-esp -n "__fish_kvs_esp_using_subcommand stream; and __fish_seen_subcommand_from create" -l endpoint-url -d 'Control-plane endpoint, e.g. the emulator\'s http://127.0.0.1:8480 [default: AWS_ENDPOINT_URL_KINESIS_VIDEO, then AWS_ENDPOINT_URL, then https://kinesisvideo.<region>.amazonaws.com]' -r
complete -c kvs-esp -n "__fish_kvs_esp_using_subcommand stream; and __fish_seen_subcommand_from create" -l ca-file -d 'A PEM file of extra CA certificates to trust, e.g. the emulator\'s ca.pem (also AWS_CA_BUNDLE)' -r -F
complete -c kvs-esp -n "__fish_kvs_esp_using_subcommand stream; and __fish_seen_subcommand_from create" -s o -l output -d 'Output format: text for people, json for scripts (one JSON document per command)' -r -f -a "text\t''
json\t''"
complete -c kvs-esp -n "__fish_kvs_esp_using_subcommand stream; and __fish_seen_subcommand_from create" -s v -l verbose -d 'Print more: -v shows every API call as an event line, -vv adds debug detail'
complete -c kvs-esp -n "__fish_kvs_esp_using_subcommand stream; and __fish_seen_subcommand_from create" -s q -l quiet -d 'Print only results and errors, no warnings or notes'
complete -c kvs-esp -n "__fish_kvs_esp_using_subcommand stream; and __fish_seen_subcommand_from create" -l no-color -d 'Never colour the output (also NO_COLOR)'
complete -c kvs-esp -n "__fish_kvs_esp_using_subcommand stream; and __fish_seen_subcommand_from create" -l no-cache -d 'Skip the endpoint cache: always call DescribeSignalingChannel and GetSignalingChannelEndpoint'
complete -c kvs-esp -n "__fish_kvs_esp_using_subcommand stream; and __fish_seen_subcommand_from create" -s h -l help -d 'Print help'
complete -c kvs-esp -n "__fish_kvs_esp_using_subcommand stream; and __fish_seen_subcommand_from create" -s V -l version -d 'Print version'
complete -c kvs-esp -n "__fish_kvs_esp_using_subcommand stream; and __fish_seen_subcommand_from describe" -l region -d 'AWS region (default: from AWS_REGION, AWS_DEFAULT_REGION or the profile)' -r
complete -c kvs-esp -n "__fish_kvs_esp_using_subcommand stream; and __fish_seen_subcommand_from describe" -l profile -d 'Named profile from ~/.aws/config and ~/.aws/credentials' -r
complete -c kvs-esp -n "__fish_kvs_esp_using_subcommand stream; and __fish_seen_subcommand_from describe" -l endpoint-url -d 'Control-plane endpoint, e.g. the emulator\'s http://127.0.0.1:8480 [default: AWS_ENDPOINT_URL_KINESIS_VIDEO, then AWS_ENDPOINT_URL, then https://kinesisvideo.<region>.amazonaws.com]' -r
complete -c kvs-esp -n "__fish_kvs_esp_using_subcommand stream; and __fish_seen_subcommand_from describe" -l ca-file -d 'A PEM file of extra CA certificates to trust, e.g. the emulator\'s ca.pem (also AWS_CA_BUNDLE)' -r -F
complete -c kvs-esp -n "__fish_kvs_esp_using_subcommand stream; and __fish_seen_subcommand_from describe" -s o -l output -d 'Output format: text for people, json for scripts (one JSON document per command)' -r -f -a "text\t''
json\t''"
complete -c kvs-esp -n "__fish_kvs_esp_using_subcommand stream; and __fish_seen_subcommand_from describe" -s v -l verbose -d 'Print more: -v shows every API call as an event line, -vv adds debug detail'
complete -c kvs-esp -n "__fish_kvs_esp_using_subcommand stream; and __fish_seen_subcommand_from describe" -s q -l quiet -d 'Print only results and errors, no warnings or notes'
complete -c kvs-esp -n "__fish_kvs_esp_using_subcommand stream; and __fish_seen_subcommand_from describe" -l no-color -d 'Never colour the output (also NO_COLOR)'
complete -c kvs-esp -n "__fish_kvs_esp_using_subcommand stream; and __fish_seen_subcommand_from describe" -l no-cache -d 'Skip the endpoint cache: always call DescribeSignalingChannel and GetSignalingChannelEndpoint'
complete -c kvs-esp -n "__fish_kvs_esp_using_subcommand stream; and __fish_seen_subcommand_from describe" -s h -l help -d 'Print help'
complete -c kvs-esp -n "__fish_kvs_esp_using_subcommand stream; and __fish_seen_subcommand_from describe" -s V -l version -d 'Print version'
complete -c kvs-esp -n "__fish_kvs_esp_using_subcommand stream; and __fish_seen_subcommand_from delete" -l region -d 'AWS region (default: from AWS_REGION, AWS_DEFAULT_REGION or the profile)' -r
complete -c kvs-esp -n "__fish_kvs_esp_using_subcommand stream; and __fish_seen_subcommand_from delete" -l profile -d 'Named profile from ~/.aws/config and ~/.aws/credentials' -r
complete -c kvs-esp -n "__fish_kvs_esp_using_subcommand stream; and __fish_seen_subcommand_from delete" -l endpoint-url -d 'Control-plane endpoint, e.g. the emulator\'s http://127.0.0.1:8480 [default: AWS_ENDPOINT_URL_KINESIS_VIDEO, then AWS_ENDPOINT_URL, then https://kinesisvideo.<region>.amazonaws.com]' -r
complete -c kvs-esp -n "__fish_kvs_esp_using_subcommand stream; and __fish_seen_subcommand_from delete" -l ca-file -d 'A PEM file of extra CA certificates to trust, e.g. the emulator\'s ca.pem (also AWS_CA_BUNDLE)' -r -F
complete -c kvs-esp -n "__fish_kvs_esp_using_subcommand stream; and __fish_seen_subcommand_from delete" -s o -l output -d 'Output format: text for people, json for scripts (one JSON document per command)' -r -f -a "text\t''
json\t''"
complete -c kvs-esp -n "__fish_kvs_esp_using_subcommand stream; and __fish_seen_subcommand_from delete" -s v -l verbose -d 'Print more: -v shows every API call as an event line, -vv adds debug detail'
complete -c kvs-esp -n "__fish_kvs_esp_using_subcommand stream; and __fish_seen_subcommand_from delete" -s q -l quiet -d 'Print only results and errors, no warnings or notes'
complete -c kvs-esp -n "__fish_kvs_esp_using_subcommand stream; and __fish_seen_subcommand_from delete" -l no-color -d 'Never colour the output (also NO_COLOR)'
complete -c kvs-esp -n "__fish_kvs_esp_using_subcommand stream; and __fish_seen_subcommand_from delete" -l no-cache -d 'Skip the endpoint cache: always call DescribeSignalingChannel and GetSignalingChannelEndpoint'
complete -c kvs-esp -n "__fish_kvs_esp_using_subcommand stream; and __fish_seen_subcommand_from delete" -s h -l help -d 'Print help'
complete -c kvs-esp -n "__fish_kvs_esp_using_subcommand stream; and __fish_seen_subcommand_from delete" -s V -l version -d 'Print version'
complete -c kvs-esp -n "__fish_kvs_esp_using_subcommand stream; and __fish_seen_subcommand_from list" -l prefix -d 'Only streams whose name begins with this' -r
complete -c kvs-esp -n "__fish_kvs_esp_using_subcommand stream; and __fish_seen_subcommand_from list" -l page-size -d 'Streams asked for per ListStreams call (1–10000)' -r
complete -c kvs-esp -n "__fish_kvs_esp_using_subcommand stream; and __fish_seen_subcommand_from list" -l region -d 'AWS region (default: from AWS_REGION, AWS_DEFAULT_REGION or the profile)' -r
complete -c kvs-esp -n "__fish_kvs_esp_using_subcommand stream; and __fish_seen_subcommand_from list" -l profile -d 'Named profile from ~/.aws/config and ~/.aws/credentials' -r
complete -c kvs-esp -n "__fish_kvs_esp_using_subcommand stream; and __fish_seen_subcommand_from list" -l endpoint-url -d 'Control-plane endpoint, e.g. the emulator\'s http://127.0.0.1:8480 [default: AWS_ENDPOINT_URL_KINESIS_VIDEO, then AWS_ENDPOINT_URL, then https://kinesisvideo.<region>.amazonaws.com]' -r
complete -c kvs-esp -n "__fish_kvs_esp_using_subcommand stream; and __fish_seen_subcommand_from list" -l ca-file -d 'A PEM file of extra CA certificates to trust, e.g. the emulator\'s ca.pem (also AWS_CA_BUNDLE)' -r -F
complete -c kvs-esp -n "__fish_kvs_esp_using_subcommand stream; and __fish_seen_subcommand_from list" -s o -l output -d 'Output format: text for people, json for scripts (one JSON document per command)' -r -f -a "text\t''
json\t''"
complete -c kvs-esp -n "__fish_kvs_esp_using_subcommand stream; and __fish_seen_subcommand_from list" -s v -l verbose -d 'Print more: -v shows every API call as an event line, -vv adds debug detail'
complete -c kvs-esp -n "__fish_kvs_esp_using_subcommand stream; and __fish_seen_subcommand_from list" -s q -l quiet -d 'Print only results and errors, no warnings or notes'
complete -c kvs-esp -n "__fish_kvs_esp_using_subcommand stream; and __fish_seen_subcommand_from list" -l no-color -d 'Never colour the output (also NO_COLOR)'
complete -c kvs-esp -n "__fish_kvs_esp_using_subcommand stream; and __fish_seen_subcommand_from list" -l no-cache -d 'Skip the endpoint cache: always call DescribeSignalingChannel and GetSignalingChannelEndpoint'
complete -c kvs-esp -n "__fish_kvs_esp_using_subcommand stream; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help'
complete -c kvs-esp -n "__fish_kvs_esp_using_subcommand stream; and __fish_seen_subcommand_from list" -s V -l version -d 'Print version'
complete -c kvs-esp -n "__fish_kvs_esp_using_subcommand stream; and __fish_seen_subcommand_from help" -f -a "create" -d 'Create a stream (CreateStream)'
complete -c kvs-esp -n "__fish_kvs_esp_using_subcommand stream; and __fish_seen_subcommand_from help" -f -a "describe" -d 'Show a stream\'s ARN, status, retention and version (DescribeStream)'
complete -c kvs-esp -n "__fish_kvs_esp_using_subcommand stream; and __fish_seen_subcommand_from help" -f -a "delete" -d 'Delete a stream (DescribeStream for the current version, then DeleteStream). A channel that recorded into it can no longer join its storage session'
complete -c kvs-esp -n "__fish_kvs_esp_using_subcommand stream; and __fish_seen_subcommand_from help" -f -a "list" -d 'List streams, following every page (ListStreams)'
complete -c kvs-esp -n "__fish_kvs_esp_using_subcommand stream; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c kvs-esp -n "__fish_kvs_esp_using_subcommand endpoint; and not __fish_seen_subcommand_from get help" -l region -d 'AWS region (default: from AWS_REGION, AWS_DEFAULT_REGION or the profile)' -r
complete -c kvs-esp -n "__fish_kvs_esp_using_subcommand endpoint; and not __fish_seen_subcommand_from get help" -l profile -d 'Named profile from ~/.aws/config and ~/.aws/credentials' -r
complete -c kvs-esp -n "__fish_kvs_esp_using_subcommand endpoint; and not __fish_seen_subcommand_from get help" -l endpoint-url -d 'Control-plane endpoint, e.g. the emulator\'s http://127.0.0.1:8480 [default: AWS_ENDPOINT_URL_KINESIS_VIDEO, then AWS_ENDPOINT_URL, then https://kinesisvideo.<region>.amazonaws.com]' -r
complete -c kvs-esp -n "__fish_kvs_esp_using_subcommand endpoint; and not __fish_seen_subcommand_from get help" -l ca-file -d 'A PEM file of extra CA certificates to trust, e.g. the emulator\'s ca.pem (also AWS_CA_BUNDLE)' -r -F
complete -c kvs-esp -n "__fish_kvs_esp_using_subcommand endpoint; and not __fish_seen_subcommand_from get help" -s o -l output -d 'Output format: text for people, json for scripts (one JSON document per command)' -r -f -a "text\t''
json\t''"
complete -c kvs-esp -n "__fish_kvs_esp_using_subcommand endpoint; and not __fish_seen_subcommand_from get help" -s v -l verbose -d 'Print more: -v shows every API call as an event line, -vv adds debug detail'
complete -c kvs-esp -n "__fish_kvs_esp_using_subcommand endpoint; and not __fish_seen_subcommand_from get help" -s q -l quiet -d 'Print only results and errors, no warnings or notes'
complete -c kvs-esp -n "__fish_kvs_esp_using_subcommand endpoint; and not __fish_seen_subcommand_from get help" -l no-color -d 'Never colour the output (also NO_COLOR)'
complete -c kvs-esp -n "__fish_kvs_esp_using_subcommand endpoint; and not __fish_seen_subcommand_from get help" -l no-cache -d 'Skip the endpoint cache: always call DescribeSignalingChannel and GetSignalingChannelEndpoint'
complete -c kvs-esp -n "__fish_kvs_esp_using_subcommand endpoint; and not __fish_seen_subcommand_from get help" -s h -l help -d 'Print help'
complete -c kvs-esp -n "__fish_kvs_esp_using_subcommand endpoint; and not __fish_seen_subcommand_from get help" -s V -l version -d 'Print version'
complete -c kvs-esp -n "__fish_kvs_esp_using_subcommand endpoint; and not __fish_seen_subcommand_from get help" -f -a "get" -d 'Get the WSS and HTTPS endpoints for a role; cached for 10 hours unless --no-cache'
complete -c kvs-esp -n "__fish_kvs_esp_using_subcommand endpoint; and not __fish_seen_subcommand_from get help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c kvs-esp -n "__fish_kvs_esp_using_subcommand endpoint; and __fish_seen_subcommand_from get" -s c -l channel -d 'Channel name or ARN' -r
complete -c kvs-esp -n "__fish_kvs_esp_using_subcommand endpoint; and __fish_seen_subcommand_from get" -s r -l role -d 'The role the endpoints are for' -r -f -a "master\t''
viewer\t''"
complete -c kvs-esp -n "__fish_kvs_esp_using_subcommand endpoint; and __fish_seen_subcommand_from get" -l protocols -d 'Protocols to ask for (WEBRTC needs a channel configured for ingestion; always asked of the service)' -r -f -a "wss\t''
https\t''
webrtc\t''"
complete -c kvs-esp -n "__fish_kvs_esp_using_subcommand endpoint; and __fish_seen_subcommand_from get" -l region -d 'AWS region (default: from AWS_REGION, AWS_DEFAULT_REGION or the profile)' -r
complete -c kvs-esp -n "__fish_kvs_esp_using_subcommand endpoint; and __fish_seen_subcommand_from get" -l profile -d 'Named profile from ~/.aws/config and ~/.aws/credentials' -r
complete -c kvs-esp -n "__fish_kvs_esp_using_subcommand endpoint; and __fish_seen_subcommand_from get" -l endpoint-url -d 'Control-plane endpoint, e.g. the emulator\'s http://127.0.0.1:8480 [default: AWS_ENDPOINT_URL_KINESIS_VIDEO, then AWS_ENDPOINT_URL, then https://kinesisvideo.<region>.amazonaws.com]' -r
complete -c kvs-esp -n "__fish_kvs_esp_using_subcommand endpoint; and __fish_seen_subcommand_from get" -l ca-file -d 'A PEM file of extra CA certificates to trust, e.g. the emulator\'s ca.pem (also AWS_CA_BUNDLE)' -r -F
complete -c kvs-esp -n "__fish_kvs_esp_using_subcommand endpoint; and __fish_seen_subcommand_from get" -s o -l output -d 'Output format: text for people, json for scripts (one JSON document per command)' -r -f -a "text\t''
json\t''"
complete -c kvs-esp -n "__fish_kvs_esp_using_subcommand endpoint; and __fish_seen_subcommand_from get" -s v -l verbose -d 'Print more: -v shows every API call as an event line, -vv adds debug detail'
complete -c kvs-esp -n "__fish_kvs_esp_using_subcommand endpoint; and __fish_seen_subcommand_from get" -s q -l quiet -d 'Print only results and errors, no warnings or notes'
complete -c kvs-esp -n "__fish_kvs_esp_using_subcommand endpoint; and __fish_seen_subcommand_from get" -l no-color -d 'Never colour the output (also NO_COLOR)'
complete -c kvs-esp -n "__fish_kvs_esp_using_subcommand endpoint; and __fish_seen_subcommand_from get" -l no-cache -d 'Skip the endpoint cache: always call DescribeSignalingChannel and GetSignalingChannelEndpoint'
complete -c kvs-esp -n "__fish_kvs_esp_using_subcommand endpoint; and __fish_seen_subcommand_from get" -s h -l help -d 'Print help'
complete -c kvs-esp -n "__fish_kvs_esp_using_subcommand endpoint; and __fish_seen_subcommand_from get" -s V -l version -d 'Print version'
complete -c kvs-esp -n "__fish_kvs_esp_using_subcommand endpoint; and __fish_seen_subcommand_from help" -f -a "get" -d 'Get the WSS and HTTPS endpoints for a role; cached for 10 hours unless --no-cache'
complete -c kvs-esp -n "__fish_kvs_esp_using_subcommand endpoint; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c kvs-esp -n "__fish_kvs_esp_using_subcommand ice-config; and not __fish_seen_subcommand_from get help" -l region -d 'AWS region (default: from AWS_REGION, AWS_DEFAULT_REGION or the profile)' -r
complete -c kvs-esp -n "__fish_kvs_esp_using_subcommand ice-config; and not __fish_seen_subcommand_from get help" -l profile -d 'Named profile from ~/.aws/config and ~/.aws/credentials' -r
complete -c kvs-esp -n "__fish_kvs_esp_using_subcommand ice-config; and not __fish_seen_subcommand_from get help" -l endpoint-url -d 'Control-plane endpoint, e.g. the emulator\'s http://127.0.0.1:8480 [default: AWS_ENDPOINT_URL_KINESIS_VIDEO, then AWS_ENDPOINT_URL, then https://kinesisvideo.<region>.amazonaws.com]' -r
complete -c kvs-esp -n "__fish_kvs_esp_using_subcommand ice-config; and not __fish_seen_subcommand_from get help" -l ca-file -d 'A PEM file of extra CA certificates to trust, e.g. the emulator\'s ca.pem (also AWS_CA_BUNDLE)' -r -F
complete -c kvs-esp -n "__fish_kvs_esp_using_subcommand ice-config; and not __fish_seen_subcommand_from get help" -s o -l output -d 'Output format: text for people, json for scripts (one JSON document per command)' -r -f -a "text\t''
json\t''"
complete -c kvs-esp -n "__fish_kvs_esp_using_subcommand ice-config; and not __fish_seen_subcommand_from get help" -s v -l verbose -d 'Print more: -v shows every API call as an event line, -vv adds debug detail'
complete -c kvs-esp -n "__fish_kvs_esp_using_subcommand ice-config; and not __fish_seen_subcommand_from get help" -s q -l quiet -d 'Print only results and errors, no warnings or notes'
complete -c kvs-esp -n "__fish_kvs_esp_using_subcommand ice-config; and not __fish_seen_subcommand_from get help" -l no-color -d 'Never colour the output (also NO_COLOR)'
complete -c kvs-esp -n "__fish_kvs_esp_using_subcommand ice-config; and not __fish_seen_subcommand_from get help" -l no-cache -d 'Skip the endpoint cache: always call DescribeSignalingChannel and GetSignalingChannelEndpoint'
complete -c kvs-esp -n "__fish_kvs_esp_using_subcommand ice-config; and not __fish_seen_subcommand_from get help" -s h -l help -d 'Print help'
complete -c kvs-esp -n "__fish_kvs_esp_using_subcommand ice-config; and not __fish_seen_subcommand_from get help" -s V -l version -d 'Print version'
complete -c kvs-esp -n "__fish_kvs_esp_using_subcommand ice-config; and not __fish_seen_subcommand_from get help" -f -a "get" -d 'Get TURN servers with short-lived credentials for a client'
complete -c kvs-esp -n "__fish_kvs_esp_using_subcommand ice-config; and not __fish_seen_subcommand_from get help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c kvs-esp -n "__fish_kvs_esp_using_subcommand ice-config; and __fish_seen_subcommand_from get" -s c -l channel -d 'Channel name or ARN' -r
complete -c kvs-esp -n "__fish_kvs_esp_using_subcommand ice-config; and __fish_seen_subcommand_from get" -s r -l role -d 'The role whose HTTPS endpoint is asked' -r -f -a "master\t''
viewer\t''"
complete -c kvs-esp -n "__fish_kvs_esp_using_subcommand ice-config; and __fish_seen_subcommand_from get" -l client-id -d 'Client id sent as ClientId (1–256 of A–Z a–z 0–9 _ . -, not starting with AWS_)' -r
complete -c kvs-esp -n "__fish_kvs_esp_using_subcommand ice-config; and __fish_seen_subcommand_from get" -l region -d 'AWS region (default: from AWS_REGION, AWS_DEFAULT_REGION or the profile)' -r
complete -c kvs-esp -n "__fish_kvs_esp_using_subcommand ice-config; and __fish_seen_subcommand_from get" -l profile -d 'Named profile from ~/.aws/config and ~/.aws/credentials' -r
complete -c kvs-esp -n "__fish_kvs_esp_using_subcommand ice-config; and __fish_seen_subcommand_from get" -l endpoint-url -d 'Control-plane endpoint, e.g. the emulator\'s http://127.0.0.1:8480 [default: AWS_ENDPOINT_URL_KINESIS_VIDEO, then AWS_ENDPOINT_URL, then https://kinesisvideo.<region>.amazonaws.com]' -r
complete -c kvs-esp -n "__fish_kvs_esp_using_subcommand ice-config; and __fish_seen_subcommand_from get" -l ca-file -d 'A PEM file of extra CA certificates to trust, e.g. the emulator\'s ca.pem (also AWS_CA_BUNDLE)' -r -F
complete -c kvs-esp -n "__fish_kvs_esp_using_subcommand ice-config; and __fish_seen_subcommand_from get" -s o -l output -d 'Output format: text for people, json for scripts (one JSON document per command)' -r -f -a "text\t''
json\t''"
complete -c kvs-esp -n "__fish_kvs_esp_using_subcommand ice-config; and __fish_seen_subcommand_from get" -l show-passwords -d 'Print TURN passwords instead of hiding them'
complete -c kvs-esp -n "__fish_kvs_esp_using_subcommand ice-config; and __fish_seen_subcommand_from get" -s v -l verbose -d 'Print more: -v shows every API call as an event line, -vv adds debug detail'
complete -c kvs-esp -n "__fish_kvs_esp_using_subcommand ice-config; and __fish_seen_subcommand_from get" -s q -l quiet -d 'Print only results and errors, no warnings or notes'
complete -c kvs-esp -n "__fish_kvs_esp_using_subcommand ice-config; and __fish_seen_subcommand_from get" -l no-color -d 'Never colour the output (also NO_COLOR)'
complete -c kvs-esp -n "__fish_kvs_esp_using_subcommand ice-config; and __fish_seen_subcommand_from get" -l no-cache -d 'Skip the endpoint cache: always call DescribeSignalingChannel and GetSignalingChannelEndpoint'
complete -c kvs-esp -n "__fish_kvs_esp_using_subcommand ice-config; and __fish_seen_subcommand_from get" -s h -l help -d 'Print help'
complete -c kvs-esp -n "__fish_kvs_esp_using_subcommand ice-config; and __fish_seen_subcommand_from get" -s V -l version -d 'Print version'
complete -c kvs-esp -n "__fish_kvs_esp_using_subcommand ice-config; and __fish_seen_subcommand_from help" -f -a "get" -d 'Get TURN servers with short-lived credentials for a client'
complete -c kvs-esp -n "__fish_kvs_esp_using_subcommand ice-config; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c kvs-esp -n "__fish_kvs_esp_using_subcommand signal; and not __fish_seen_subcommand_from connect alexa-offer help" -l region -d 'AWS region (default: from AWS_REGION, AWS_DEFAULT_REGION or the profile)' -r
complete -c kvs-esp -n "__fish_kvs_esp_using_subcommand signal; and not __fish_seen_subcommand_from connect alexa-offer help" -l profile -d 'Named profile from ~/.aws/config and ~/.aws/credentials' -r
complete -c kvs-esp -n "__fish_kvs_esp_using_subcommand signal; and not __fish_seen_subcommand_from connect alexa-offer help" -l endpoint-url -d 'Control-plane endpoint, e.g. the emulator\'s http://127.0.0.1:8480 [default: AWS_ENDPOINT_URL_KINESIS_VIDEO, then AWS_ENDPOINT_URL, then https://kinesisvideo.<region>.amazonaws.com]' -r
complete -c kvs-esp -n "__fish_kvs_esp_using_subcommand signal; and not __fish_seen_subcommand_from connect alexa-offer help" -l ca-file -d 'A PEM file of extra CA certificates to trust, e.g. the emulator\'s ca.pem (also AWS_CA_BUNDLE)' -r -F
complete -c kvs-esp -n "__fish_kvs_esp_using_subcommand signal; and not __fish_seen_subcommand_from connect alexa-offer help" -s o -l output -d 'Output format: text for people, json for scripts (one JSON document per command)' -r -f -a "text\t''
json\t''"
complete -c kvs-esp -n "__fish_kvs_esp_using_subcommand signal; and not __fish_seen_subcommand_from connect alexa-offer help" -s v -l verbose -d 'Print more: -v shows every API call as an event line, -vv adds debug detail'
complete -c kvs-esp -n "__fish_kvs_esp_using_subcommand signal; and not __fish_seen_subcommand_from connect alexa-offer help" -s q -l quiet -d 'Print only results and errors, no warnings or notes'
complete -c kvs-esp -n "__fish_kvs_esp_using_subcommand signal; and not __fish_seen_subcommand_from connect alexa-offer help" -l no-color -d 'Never colour the output (also NO_COLOR)'
complete -c kvs-esp -n "__fish_kvs_esp_using_subcommand signal; and not __fish_seen_subcommand_from connect alexa-offer help" -l no-cache -d 'Skip the endpoint cache: always call DescribeSignalingChannel and GetSignalingChannelEndpoint'
complete -c kvs-esp -n "__fish_kvs_esp_using_subcommand signal; and not __fish_seen_subcommand_from connect alexa-offer help" -s h -l help -d 'Print help'
complete -c kvs-esp -n "__fish_kvs_esp_using_subcommand signal; and not __fish_seen_subcommand_from connect alexa-offer help" -s V -l version -d 'Print version'
complete -c kvs-esp -n "__fish_kvs_esp_using_subcommand signal; and not __fish_seen_subcommand_from connect alexa-offer help" -f -a "connect" -d 'Connect and stay connected: print every received message as one JSON object per line on stdout; send the JSON lines read from stdin (or --send FILE), e.g. {"action":"SDP_OFFER","payload":{"type":"offer","sdp":"v=0…"}} or, as master, {"action":"ICE_CANDIDATE","recipient":"viewer-1","payload":{"candidate":"candidate:…"}}. Reconnects on drops, GO_AWAY and RECONNECT_ICE_SERVER; prints a metrics summary at exit'
complete -c kvs-esp -n "__fish_kvs_esp_using_subcommand signal; and not __fish_seen_subcommand_from connect alexa-offer help" -f -a "alexa-offer" -d 'Send an SDP offer to the channel\'s master with SendAlexaOfferToMaster (the HTTPS call an Alexa device uses instead of a WebSocket) and print the master\'s answer. The master must be connected (or connect within the channel\'s message TTL) and answer within 10 s'
complete -c kvs-esp -n "__fish_kvs_esp_using_subcommand signal; and not __fish_seen_subcommand_from connect alexa-offer help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c kvs-esp -n "__fish_kvs_esp_using_subcommand signal; and __fish_seen_subcommand_from connect" -s c -l channel -d 'Channel name or ARN' -r
complete -c kvs-esp -n "__fish_kvs_esp_using_subcommand signal; and __fish_seen_subcommand_from connect" -s r -l role -d 'The role to connect as' -r -f -a "master\t''
viewer\t''"
complete -c kvs-esp -n "__fish_kvs_esp_using_subcommand signal; and __fish_seen_subcommand_from connect" -l client-id -d 'Client id (a viewer\'s X-Amz-ClientId; both roles send it to GetIceServerConfig) [default: a random viewer-xxxxxxxx for viewers, kvs-esp-master for masters]' -r
complete -c kvs-esp -n "__fish_kvs_esp_using_subcommand signal; and __fish_seen_subcommand_from connect" -l message-ttl -d 'Message TTL for a channel made by --create-if-missing (5–120 seconds)' -r
complete -c kvs-esp -n "__fish_kvs_esp_using_subcommand signal; and __fish_seen_subcommand_from connect" -l send -d 'Send the JSON lines of this file (after connecting) instead of reading stdin' -r -F
complete -c kvs-esp -n "__fish_kvs_esp_using_subcommand signal; and __fish_seen_subcommand_from connect" -l offer -d 'As viewer: send this SDP offer once connected (an SDP text, or {"type":"offer","sdp":…} JSON)' -r -F
complete -c kvs-esp -n "__fish_kvs_esp_using_subcommand signal; and __fish_seen_subcommand_from connect" -l answer -d 'As master: answer every SDP offer with this SDP (an SDP text, or {"type":"answer","sdp":…} JSON)' -r -F
complete -c kvs-esp -n "__fish_kvs_esp_using_subcommand signal; and __fish_seen_subcommand_from connect" -l until -d 'End the session: `connected` (once connected), `answer` (once an SDP answer is received or sent), a number of received messages, or a duration such as 30s, 500ms or 2m [default: run until Ctrl-C]' -r
complete -c kvs-esp -n "__fish_kvs_esp_using_subcommand signal; and __fish_seen_subcommand_from connect" -l region -d 'AWS region (default: from AWS_REGION, AWS_DEFAULT_REGION or the profile)' -r
complete -c kvs-esp -n "__fish_kvs_esp_using_subcommand signal; and __fish_seen_subcommand_from connect" -l profile -d 'Named profile from ~/.aws/config and ~/.aws/credentials' -r
complete -c kvs-esp -n "__fish_kvs_esp_using_subcommand signal; and __fish_seen_subcommand_from connect" -l endpoint-url -d 'Control-plane endpoint, e.g. the emulator\'s http://127.0.0.1:8480 [default: AWS_ENDPOINT_URL_KINESIS_VIDEO, then AWS_ENDPOINT_URL, then https://kinesisvideo.<region>.amazonaws.com]' -r
complete -c kvs-esp -n "__fish_kvs_esp_using_subcommand signal; and __fish_seen_subcommand_from connect" -l ca-file -d 'A PEM file of extra CA certificates to trust, e.g. the emulator\'s ca.pem (also AWS_CA_BUNDLE)' -r -F
complete -c kvs-esp -n "__fish_kvs_esp_using_subcommand signal; and __fish_seen_subcommand_from connect" -s o -l output -d 'Output format: text for people, json for scripts (one JSON document per command)' -r -f -a "text\t''
json\t''"
complete -c kvs-esp -n "__fish_kvs_esp_using_subcommand signal; and __fish_seen_subcommand_from connect" -l create-if-missing -d 'Create the channel (SINGLE_MASTER, --message-ttl) when it does not exist'
complete -c kvs-esp -n "__fish_kvs_esp_using_subcommand signal; and __fish_seen_subcommand_from connect" -s v -l verbose -d 'Print more: -v shows every API call as an event line, -vv adds debug detail'
complete -c kvs-esp -n "__fish_kvs_esp_using_subcommand signal; and __fish_seen_subcommand_from connect" -s q -l quiet -d 'Print only results and errors, no warnings or notes'
complete -c kvs-esp -n "__fish_kvs_esp_using_subcommand signal; and __fish_seen_subcommand_from connect" -l no-color -d 'Never colour the output (also NO_COLOR)'
complete -c kvs-esp -n "__fish_kvs_esp_using_subcommand signal; and __fish_seen_subcommand_from connect" -l no-cache -d 'Skip the endpoint cache: always call DescribeSignalingChannel and GetSignalingChannelEndpoint'
complete -c kvs-esp -n "__fish_kvs_esp_using_subcommand signal; and __fish_seen_subcommand_from connect" -s h -l help -d 'Print help'
complete -c kvs-esp -n "__fish_kvs_esp_using_subcommand signal; and __fish_seen_subcommand_from connect" -s V -l version -d 'Print version'
complete -c kvs-esp -n "__fish_kvs_esp_using_subcommand signal; and __fish_seen_subcommand_from alexa-offer" -s c -l channel -d 'Channel name or ARN' -r
complete -c kvs-esp -n "__fish_kvs_esp_using_subcommand signal; and __fish_seen_subcommand_from alexa-offer" -l offer -d 'The SDP offer to send (an SDP text, or {"type":"offer","sdp":…} JSON)' -r -F
complete -c kvs-esp -n "__fish_kvs_esp_using_subcommand signal; and __fish_seen_subcommand_from alexa-offer" -l sender-client-id -d 'The client id the master sees the offer from [default: a random alexa-xxxxxxxx]' -r
complete -c kvs-esp -n "__fish_kvs_esp_using_subcommand signal; and __fish_seen_subcommand_from alexa-offer" -l region -d 'AWS region (default: from AWS_REGION, AWS_DEFAULT_REGION or the profile)' -r
complete -c kvs-esp -n "__fish_kvs_esp_using_subcommand signal; and __fish_seen_subcommand_from alexa-offer" -l profile -d 'Named profile from ~/.aws/config and ~/.aws/credentials' -r
complete -c kvs-esp -n "__fish_kvs_esp_using_subcommand signal; and __fish_seen_subcommand_from alexa-offer" -l endpoint-url -d 'Control-plane endpoint, e.g. the emulator\'s http://127.0.0.1:8480 [default: AWS_ENDPOINT_URL_KINESIS_VIDEO, then AWS_ENDPOINT_URL, then https://kinesisvideo.<region>.amazonaws.com]' -r
complete -c kvs-esp -n "__fish_kvs_esp_using_subcommand signal; and __fish_seen_subcommand_from alexa-offer" -l ca-file -d 'A PEM file of extra CA certificates to trust, e.g. the emulator\'s ca.pem (also AWS_CA_BUNDLE)' -r -F
complete -c kvs-esp -n "__fish_kvs_esp_using_subcommand signal; and __fish_seen_subcommand_from alexa-offer" -s o -l output -d 'Output format: text for people, json for scripts (one JSON document per command)' -r -f -a "text\t''
json\t''"
complete -c kvs-esp -n "__fish_kvs_esp_using_subcommand signal; and __fish_seen_subcommand_from alexa-offer" -s v -l verbose -d 'Print more: -v shows every API call as an event line, -vv adds debug detail'
complete -c kvs-esp -n "__fish_kvs_esp_using_subcommand signal; and __fish_seen_subcommand_from alexa-offer" -s q -l quiet -d 'Print only results and errors, no warnings or notes'
complete -c kvs-esp -n "__fish_kvs_esp_using_subcommand signal; and __fish_seen_subcommand_from alexa-offer" -l no-color -d 'Never colour the output (also NO_COLOR)'
complete -c kvs-esp -n "__fish_kvs_esp_using_subcommand signal; and __fish_seen_subcommand_from alexa-offer" -l no-cache -d 'Skip the endpoint cache: always call DescribeSignalingChannel and GetSignalingChannelEndpoint'
complete -c kvs-esp -n "__fish_kvs_esp_using_subcommand signal; and __fish_seen_subcommand_from alexa-offer" -s h -l help -d 'Print help'
complete -c kvs-esp -n "__fish_kvs_esp_using_subcommand signal; and __fish_seen_subcommand_from alexa-offer" -s V -l version -d 'Print version'
complete -c kvs-esp -n "__fish_kvs_esp_using_subcommand signal; and __fish_seen_subcommand_from help" -f -a "connect" -d 'Connect and stay connected: print every received message as one JSON object per line on stdout; send the JSON lines read from stdin (or --send FILE), e.g. {"action":"SDP_OFFER","payload":{"type":"offer","sdp":"v=0…"}} or, as master, {"action":"ICE_CANDIDATE","recipient":"viewer-1","payload":{"candidate":"candidate:…"}}. Reconnects on drops, GO_AWAY and RECONNECT_ICE_SERVER; prints a metrics summary at exit'
complete -c kvs-esp -n "__fish_kvs_esp_using_subcommand signal; and __fish_seen_subcommand_from help" -f -a "alexa-offer" -d 'Send an SDP offer to the channel\'s master with SendAlexaOfferToMaster (the HTTPS call an Alexa device uses instead of a WebSocket) and print the master\'s answer. The master must be connected (or connect within the channel\'s message TTL) and answer within 10 s'
complete -c kvs-esp -n "__fish_kvs_esp_using_subcommand signal; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c kvs-esp -n "__fish_kvs_esp_using_subcommand webrtc; and not __fish_seen_subcommand_from connect help" -l region -d 'AWS region (default: from AWS_REGION, AWS_DEFAULT_REGION or the profile)' -r
complete -c kvs-esp -n "__fish_kvs_esp_using_subcommand webrtc; and not __fish_seen_subcommand_from connect help" -l profile -d 'Named profile from ~/.aws/config and ~/.aws/credentials' -r
complete -c kvs-esp -n "__fish_kvs_esp_using_subcommand webrtc; and not __fish_seen_subcommand_from connect help" -l endpoint-url -d 'Control-plane endpoint, e.g. the emulator\'s http://127.0.0.1:8480 [default: AWS_ENDPOINT_URL_KINESIS_VIDEO, then AWS_ENDPOINT_URL, then https://kinesisvideo.<region>.amazonaws.com]' -r
complete -c kvs-esp -n "__fish_kvs_esp_using_subcommand webrtc; and not __fish_seen_subcommand_from connect help" -l ca-file -d 'A PEM file of extra CA certificates to trust, e.g. the emulator\'s ca.pem (also AWS_CA_BUNDLE)' -r -F
complete -c kvs-esp -n "__fish_kvs_esp_using_subcommand webrtc; and not __fish_seen_subcommand_from connect help" -s o -l output -d 'Output format: text for people, json for scripts (one JSON document per command)' -r -f -a "text\t''
json\t''"
complete -c kvs-esp -n "__fish_kvs_esp_using_subcommand webrtc; and not __fish_seen_subcommand_from connect help" -s v -l verbose -d 'Print more: -v shows every API call as an event line, -vv adds debug detail'
complete -c kvs-esp -n "__fish_kvs_esp_using_subcommand webrtc; and not __fish_seen_subcommand_from connect help" -s q -l quiet -d 'Print only results and errors, no warnings or notes'
complete -c kvs-esp -n "__fish_kvs_esp_using_subcommand webrtc; and not __fish_seen_subcommand_from connect help" -l no-color -d 'Never colour the output (also NO_COLOR)'
complete -c kvs-esp -n "__fish_kvs_esp_using_subcommand webrtc; and not __fish_seen_subcommand_from connect help" -l no-cache -d 'Skip the endpoint cache: always call DescribeSignalingChannel and GetSignalingChannelEndpoint'
complete -c kvs-esp -n "__fish_kvs_esp_using_subcommand webrtc; and not __fish_seen_subcommand_from connect help" -s h -l help -d 'Print help'
complete -c kvs-esp -n "__fish_kvs_esp_using_subcommand webrtc; and not __fish_seen_subcommand_from connect help" -s V -l version -d 'Print version'
complete -c kvs-esp -n "__fish_kvs_esp_using_subcommand webrtc; and not __fish_seen_subcommand_from connect help" -f -a "connect" -d 'Connect a WebRTC peer to a channel. As viewer: offer receive-only audio and video (H.264, VP8, Opus, PCMU, PCMA) and a data channel, trickle candidates (host, server-reflexive from STUN, relay from the channel\'s TURN servers over UDP, TCP and TLS), and report every layer — candidates, pairs and their round trips, the nominated pair, DTLS, the data channel\'s echo, each track\'s first packet and keyframe and per-second figures. As master: answer every viewer (up to 10), send an H.264 and an Opus track (a built-in test clip, or --video/--audio files, looped), and echo the data channel — as the KVS C SDK\'s sample master does. Ends with a verdict that names the first failing layer and its likely cause (exit 7)'
complete -c kvs-esp -n "__fish_kvs_esp_using_subcommand webrtc; and not __fish_seen_subcommand_from connect help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c kvs-esp -n "__fish_kvs_esp_using_subcommand webrtc; and __fish_seen_subcommand_from connect" -s c -l channel -d 'Channel name or ARN' -r
complete -c kvs-esp -n "__fish_kvs_esp_using_subcommand webrtc; and __fish_seen_subcommand_from connect" -s r -l role -d 'The role to connect as' -r -f -a "master\t''
viewer\t''"
complete -c kvs-esp -n "__fish_kvs_esp_using_subcommand webrtc; and __fish_seen_subcommand_from connect" -l client-id -d 'Client id (a viewer\'s X-Amz-ClientId; both roles send it to GetIceServerConfig) [default: a random viewer-xxxxxxxx for viewers, kvs-esp-master for masters]' -r
complete -c kvs-esp -n "__fish_kvs_esp_using_subcommand webrtc; and __fish_seen_subcommand_from connect" -l ice-transport -d 'Which candidates to use: all, or relay only (every packet through TURN)' -r -f -a "all\t'Host, server-reflexive and relay candidates'
relay\t'Relay (TURN) candidates only, as iceTransportPolicy "relay"'"
complete -c kvs-esp -n "__fish_kvs_esp_using_subcommand webrtc; and __fish_seen_subcommand_from connect" -l stun -d 'A STUN server for server-reflexive candidates, as HOST:PORT or stun:HOST:PORT (repeatable) [default: stun.kinesisvideo.<region>.amazonaws.com:443 against AWS; none against another --endpoint-url]' -r
complete -c kvs-esp -n "__fish_kvs_esp_using_subcommand webrtc; and __fish_seen_subcommand_from connect" -l turn-transport -d 'Which of the channel\'s TURN URIs to allocate on, by how they reach the server (comma-separated)' -r -f -a "udp\t''
tcp\t''
tls\t''"
complete -c kvs-esp -n "__fish_kvs_esp_using_subcommand webrtc; and __fish_seen_subcommand_from connect" -l trust -d 'Roots to trust for TURN over TLS: native, esp-common (ESP-IDF\'s default bundle, what a device has), esp-full, or a PEM file' -r
complete -c kvs-esp -n "__fish_kvs_esp_using_subcommand webrtc; and __fish_seen_subcommand_from connect" -l host-ip -d 'The address of a host candidate (repeatable) [default: every non-loopback IPv4 interface]' -r
complete -c kvs-esp -n "__fish_kvs_esp_using_subcommand webrtc; and __fish_seen_subcommand_from connect" -l video -d 'As master: the video to send, an H.264 Annex-B file (`ffmpeg … -c:v libx264 -bsf:v h264_mp4toannexb -f h264 out.h264`), `clip` or `none`; looped' -r
complete -c kvs-esp -n "__fish_kvs_esp_using_subcommand webrtc; and __fish_seen_subcommand_from connect" -l audio -d 'As master: the audio to send, an Ogg Opus file (`ffmpeg … -c:a libopus -f ogg out.opus`), `clip` or `none`; looped' -r
complete -c kvs-esp -n "__fish_kvs_esp_using_subcommand webrtc; and __fish_seen_subcommand_from connect" -l fps -d 'The frame rate of a --video file' -r
complete -c kvs-esp -n "__fish_kvs_esp_using_subcommand webrtc; and __fish_seen_subcommand_from connect" -l codec -d 'The codecs to negotiate (comma-separated, e.g. h264,opus) [default: h264,vp8,opus,pcmu,pcma]' -r
complete -c kvs-esp -n "__fish_kvs_esp_using_subcommand webrtc; and __fish_seen_subcommand_from connect" -l save -d 'As viewer: save what arrives in this directory (H.264 as .h264, VP8 as .ivf, Opus as .ogg; ffplay plays them)' -r -F
complete -c kvs-esp -n "__fish_kvs_esp_using_subcommand webrtc; and __fish_seen_subcommand_from connect" -l timeout -d 'How long the media path may take to come up (from the start)' -r
complete -c kvs-esp -n "__fish_kvs_esp_using_subcommand webrtc; and __fish_seen_subcommand_from connect" -l duration -d 'How long to stay connected: a viewer from its connection [default: 10s], a master from the start [default: until Ctrl-C]' -r
complete -c kvs-esp -n "__fish_kvs_esp_using_subcommand webrtc; and __fish_seen_subcommand_from connect" -l max-viewers -d 'As master: how many viewers to serve at once' -r
complete -c kvs-esp -n "__fish_kvs_esp_using_subcommand webrtc; and __fish_seen_subcommand_from connect" -l region -d 'AWS region (default: from AWS_REGION, AWS_DEFAULT_REGION or the profile)' -r
complete -c kvs-esp -n "__fish_kvs_esp_using_subcommand webrtc; and __fish_seen_subcommand_from connect" -l profile -d 'Named profile from ~/.aws/config and ~/.aws/credentials' -r
complete -c kvs-esp -n "__fish_kvs_esp_using_subcommand webrtc; and __fish_seen_subcommand_from connect" -l endpoint-url -d 'Control-plane endpoint, e.g. the emulator\'s http://127.0.0.1:8480 [default: AWS_ENDPOINT_URL_KINESIS_VIDEO, then AWS_ENDPOINT_URL, then https://kinesisvideo.<region>.amazonaws.com]' -r
complete -c kvs-esp -n "__fish_kvs_esp_using_subcommand webrtc; and __fish_seen_subcommand_from connect" -l ca-file -d 'A PEM file of extra CA certificates to trust, e.g. the emulator\'s ca.pem (also AWS_CA_BUNDLE)' -r -F
complete -c kvs-esp -n "__fish_kvs_esp_using_subcommand webrtc; and __fish_seen_subcommand_from connect" -s o -l output -d 'Output format: text for people, json for scripts (one JSON document per command)' -r -f -a "text\t''
json\t''"
complete -c kvs-esp -n "__fish_kvs_esp_using_subcommand webrtc; and __fish_seen_subcommand_from connect" -l no-stun -d 'Use no STUN server'
complete -c kvs-esp -n "__fish_kvs_esp_using_subcommand webrtc; and __fish_seen_subcommand_from connect" -l no-turn -d 'Allocate on none of the channel\'s TURN servers (no relay candidates)'
complete -c kvs-esp -n "__fish_kvs_esp_using_subcommand webrtc; and __fish_seen_subcommand_from connect" -l join-storage -d 'On a channel that records (`kvs-esp channel storage enable`): join its storage session whenever signaling connects and answer the session\'s offer — a master (JoinStorageSession) with H.264 video and Opus audio (KVS ingestion takes both), a viewer (JoinStorageSessionAsViewer) with its Opus audio, instead of offering to the master; join again when no offer comes within 6 s or the session ends'
complete -c kvs-esp -n "__fish_kvs_esp_using_subcommand webrtc; and __fish_seen_subcommand_from connect" -s v -l verbose -d 'Print more: -v shows every API call as an event line, -vv adds debug detail'
complete -c kvs-esp -n "__fish_kvs_esp_using_subcommand webrtc; and __fish_seen_subcommand_from connect" -s q -l quiet -d 'Print only results and errors, no warnings or notes'
complete -c kvs-esp -n "__fish_kvs_esp_using_subcommand webrtc; and __fish_seen_subcommand_from connect" -l no-color -d 'Never colour the output (also NO_COLOR)'
complete -c kvs-esp -n "__fish_kvs_esp_using_subcommand webrtc; and __fish_seen_subcommand_from connect" -l no-cache -d 'Skip the endpoint cache: always call DescribeSignalingChannel and GetSignalingChannelEndpoint'
complete -c kvs-esp -n "__fish_kvs_esp_using_subcommand webrtc; and __fish_seen_subcommand_from connect" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c kvs-esp -n "__fish_kvs_esp_using_subcommand webrtc; and __fish_seen_subcommand_from connect" -s V -l version -d 'Print version'
complete -c kvs-esp -n "__fish_kvs_esp_using_subcommand webrtc; and __fish_seen_subcommand_from help" -f -a "connect" -d 'Connect a WebRTC peer to a channel. As viewer: offer receive-only audio and video (H.264, VP8, Opus, PCMU, PCMA) and a data channel, trickle candidates (host, server-reflexive from STUN, relay from the channel\'s TURN servers over UDP, TCP and TLS), and report every layer — candidates, pairs and their round trips, the nominated pair, DTLS, the data channel\'s echo, each track\'s first packet and keyframe and per-second figures. As master: answer every viewer (up to 10), send an H.264 and an Opus track (a built-in test clip, or --video/--audio files, looped), and echo the data channel — as the KVS C SDK\'s sample master does. Ends with a verdict that names the first failing layer and its likely cause (exit 7)'
complete -c kvs-esp -n "__fish_kvs_esp_using_subcommand webrtc; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c kvs-esp -n "__fish_kvs_esp_using_subcommand turn-tls; and not __fish_seen_subcommand_from probe help" -l region -d 'AWS region (default: from AWS_REGION, AWS_DEFAULT_REGION or the profile)' -r
complete -c kvs-esp -n "__fish_kvs_esp_using_subcommand turn-tls; and not __fish_seen_subcommand_from probe help" -l profile -d 'Named profile from ~/.aws/config and ~/.aws/credentials' -r
complete -c kvs-esp -n "__fish_kvs_esp_using_subcommand turn-tls; and not __fish_seen_subcommand_from probe help" -l endpoint-url -d 'Control-plane endpoint, e.g. the emulator\'s http://127.0.0.1:8480 [default: AWS_ENDPOINT_URL_KINESIS_VIDEO, then AWS_ENDPOINT_URL, then https://kinesisvideo.<region>.amazonaws.com]' -r
complete -c kvs-esp -n "__fish_kvs_esp_using_subcommand turn-tls; and not __fish_seen_subcommand_from probe help" -l ca-file -d 'A PEM file of extra CA certificates to trust, e.g. the emulator\'s ca.pem (also AWS_CA_BUNDLE)' -r -F
complete -c kvs-esp -n "__fish_kvs_esp_using_subcommand turn-tls; and not __fish_seen_subcommand_from probe help" -s o -l output -d 'Output format: text for people, json for scripts (one JSON document per command)' -r -f -a "text\t''
json\t''"
complete -c kvs-esp -n "__fish_kvs_esp_using_subcommand turn-tls; and not __fish_seen_subcommand_from probe help" -s v -l verbose -d 'Print more: -v shows every API call as an event line, -vv adds debug detail'
complete -c kvs-esp -n "__fish_kvs_esp_using_subcommand turn-tls; and not __fish_seen_subcommand_from probe help" -s q -l quiet -d 'Print only results and errors, no warnings or notes'
complete -c kvs-esp -n "__fish_kvs_esp_using_subcommand turn-tls; and not __fish_seen_subcommand_from probe help" -l no-color -d 'Never colour the output (also NO_COLOR)'
complete -c kvs-esp -n "__fish_kvs_esp_using_subcommand turn-tls; and not __fish_seen_subcommand_from probe help" -l no-cache -d 'Skip the endpoint cache: always call DescribeSignalingChannel and GetSignalingChannelEndpoint'
complete -c kvs-esp -n "__fish_kvs_esp_using_subcommand turn-tls; and not __fish_seen_subcommand_from probe help" -s h -l help -d 'Print help'
complete -c kvs-esp -n "__fish_kvs_esp_using_subcommand turn-tls; and not __fish_seen_subcommand_from probe help" -s V -l version -d 'Print version'
complete -c kvs-esp -n "__fish_kvs_esp_using_subcommand turn-tls; and not __fish_seen_subcommand_from probe help" -f -a "probe" -d 'For every turns:…?transport=tcp server of a channel (or one --uri): DNS, TCP, TLS (chain, version, cipher, anchoring root, whether ESP-IDF\'s default bundle trusts it), TURN Allocate with long-term credentials, an optional relay round trip (--peer), and Refresh to release — each step timed'
complete -c kvs-esp -n "__fish_kvs_esp_using_subcommand turn-tls; and not __fish_seen_subcommand_from probe help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c kvs-esp -n "__fish_kvs_esp_using_subcommand turn-tls; and __fish_seen_subcommand_from probe" -s c -l channel -d 'Take the servers from the channel\'s GetIceServerConfig' -r
complete -c kvs-esp -n "__fish_kvs_esp_using_subcommand turn-tls; and __fish_seen_subcommand_from probe" -s r -l role -d 'The role whose HTTPS endpoint GetIceServerConfig is sent to' -r -f -a "master\t''
viewer\t''"
complete -c kvs-esp -n "__fish_kvs_esp_using_subcommand turn-tls; and __fish_seen_subcommand_from probe" -l client-id -d 'Client id for GetIceServerConfig' -r
complete -c kvs-esp -n "__fish_kvs_esp_using_subcommand turn-tls; and __fish_seen_subcommand_from probe" -l uri -d 'Probe one server by hand, e.g. \'turns:turn.example.com:443?transport=tcp\'' -r
complete -c kvs-esp -n "__fish_kvs_esp_using_subcommand turn-tls; and __fish_seen_subcommand_from probe" -l username -d 'The TURN username for --uri' -r
complete -c kvs-esp -n "__fish_kvs_esp_using_subcommand turn-tls; and __fish_seen_subcommand_from probe" -l password -d 'The TURN password for --uri (also KVS_ESP_TURN_PASSWORD)' -r
complete -c kvs-esp -n "__fish_kvs_esp_using_subcommand turn-tls; and __fish_seen_subcommand_from probe" -l peer -d 'After allocating, permit this peer and check that data relayed to it comes back (an echo service)' -r
complete -c kvs-esp -n "__fish_kvs_esp_using_subcommand turn-tls; and __fish_seen_subcommand_from probe" -l trust -d 'Roots to trust: native (this machine), esp-common (ESP-IDF\'s default bundle), esp-full (the whole Mozilla store ESP-IDF can bundle), or a PEM file. The report always says whether esp-common would trust' -r
complete -c kvs-esp -n "__fish_kvs_esp_using_subcommand turn-tls; and __fish_seen_subcommand_from probe" -l tls -d 'TLS versions to offer: 1.2, 1.3 or any' -r
complete -c kvs-esp -n "__fish_kvs_esp_using_subcommand turn-tls; and __fish_seen_subcommand_from probe" -l jobs -d 'Servers probed at once' -r
complete -c kvs-esp -n "__fish_kvs_esp_using_subcommand turn-tls; and __fish_seen_subcommand_from probe" -l timeout -d 'Seconds each step may take' -r
complete -c kvs-esp -n "__fish_kvs_esp_using_subcommand turn-tls; and __fish_seen_subcommand_from probe" -l region -d 'AWS region (default: from AWS_REGION, AWS_DEFAULT_REGION or the profile)' -r
complete -c kvs-esp -n "__fish_kvs_esp_using_subcommand turn-tls; and __fish_seen_subcommand_from probe" -l profile -d 'Named profile from ~/.aws/config and ~/.aws/credentials' -r
complete -c kvs-esp -n "__fish_kvs_esp_using_subcommand turn-tls; and __fish_seen_subcommand_from probe" -l endpoint-url -d 'Control-plane endpoint, e.g. the emulator\'s http://127.0.0.1:8480 [default: AWS_ENDPOINT_URL_KINESIS_VIDEO, then AWS_ENDPOINT_URL, then https://kinesisvideo.<region>.amazonaws.com]' -r
complete -c kvs-esp -n "__fish_kvs_esp_using_subcommand turn-tls; and __fish_seen_subcommand_from probe" -l ca-file -d 'A PEM file of extra CA certificates to trust, e.g. the emulator\'s ca.pem (also AWS_CA_BUNDLE)' -r -F
complete -c kvs-esp -n "__fish_kvs_esp_using_subcommand turn-tls; and __fish_seen_subcommand_from probe" -s o -l output -d 'Output format: text for people, json for scripts (one JSON document per command)' -r -f -a "text\t''
json\t''"
complete -c kvs-esp -n "__fish_kvs_esp_using_subcommand turn-tls; and __fish_seen_subcommand_from probe" -l udp -d 'Also probe the plain turn: UDP URIs'
complete -c kvs-esp -n "__fish_kvs_esp_using_subcommand turn-tls; and __fish_seen_subcommand_from probe" -s v -l verbose -d 'Print more: -v shows every API call as an event line, -vv adds debug detail'
complete -c kvs-esp -n "__fish_kvs_esp_using_subcommand turn-tls; and __fish_seen_subcommand_from probe" -s q -l quiet -d 'Print only results and errors, no warnings or notes'
complete -c kvs-esp -n "__fish_kvs_esp_using_subcommand turn-tls; and __fish_seen_subcommand_from probe" -l no-color -d 'Never colour the output (also NO_COLOR)'
complete -c kvs-esp -n "__fish_kvs_esp_using_subcommand turn-tls; and __fish_seen_subcommand_from probe" -l no-cache -d 'Skip the endpoint cache: always call DescribeSignalingChannel and GetSignalingChannelEndpoint'
complete -c kvs-esp -n "__fish_kvs_esp_using_subcommand turn-tls; and __fish_seen_subcommand_from probe" -s h -l help -d 'Print help'
complete -c kvs-esp -n "__fish_kvs_esp_using_subcommand turn-tls; and __fish_seen_subcommand_from probe" -s V -l version -d 'Print version'
complete -c kvs-esp -n "__fish_kvs_esp_using_subcommand turn-tls; and __fish_seen_subcommand_from help" -f -a "probe" -d 'For every turns:…?transport=tcp server of a channel (or one --uri): DNS, TCP, TLS (chain, version, cipher, anchoring root, whether ESP-IDF\'s default bundle trusts it), TURN Allocate with long-term credentials, an optional relay round trip (--peer), and Refresh to release — each step timed'
complete -c kvs-esp -n "__fish_kvs_esp_using_subcommand turn-tls; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c kvs-esp -n "__fish_kvs_esp_using_subcommand doctor" -s c -l channel -d 'The channel to check (without it, the checks stop after the clock)' -r
complete -c kvs-esp -n "__fish_kvs_esp_using_subcommand doctor" -s r -l role -d 'The role to check the endpoints and the WebSocket for' -r -f -a "master\t''
viewer\t''"
complete -c kvs-esp -n "__fish_kvs_esp_using_subcommand doctor" -l client-id -d 'Client id for GetIceServerConfig and the viewer\'s WebSocket [default: a random doctor-xxxxxxxx]' -r
complete -c kvs-esp -n "__fish_kvs_esp_using_subcommand doctor" -l turn-trust -d 'Roots to trust for the TURN servers: native, esp-common, esp-full or a PEM file' -r
complete -c kvs-esp -n "__fish_kvs_esp_using_subcommand doctor" -l timeout -d 'Seconds each check may take' -r
complete -c kvs-esp -n "__fish_kvs_esp_using_subcommand doctor" -l host-ip -d 'For --peer and --storage-session: the address of a host candidate (repeatable) [default: every non-loopback IPv4 interface]' -r
complete -c kvs-esp -n "__fish_kvs_esp_using_subcommand doctor" -l region -d 'AWS region (default: from AWS_REGION, AWS_DEFAULT_REGION or the profile)' -r
complete -c kvs-esp -n "__fish_kvs_esp_using_subcommand doctor" -l profile -d 'Named profile from ~/.aws/config and ~/.aws/credentials' -r
complete -c kvs-esp -n "__fish_kvs_esp_using_subcommand doctor" -l endpoint-url -d 'Control-plane endpoint, e.g. the emulator\'s http://127.0.0.1:8480 [default: AWS_ENDPOINT_URL_KINESIS_VIDEO, then AWS_ENDPOINT_URL, then https://kinesisvideo.<region>.amazonaws.com]' -r
complete -c kvs-esp -n "__fish_kvs_esp_using_subcommand doctor" -l ca-file -d 'A PEM file of extra CA certificates to trust, e.g. the emulator\'s ca.pem (also AWS_CA_BUNDLE)' -r -F
complete -c kvs-esp -n "__fish_kvs_esp_using_subcommand doctor" -s o -l output -d 'Output format: text for people, json for scripts (one JSON document per command)' -r -f -a "text\t''
json\t''"
complete -c kvs-esp -n "__fish_kvs_esp_using_subcommand doctor" -l peer -d 'Add a media-path step: connect as a viewer to the channel\'s master (which must be running) and require ICE, DTLS and the data channel within --timeout, with the channel\'s TURN servers and KVS\'s STUN server'
complete -c kvs-esp -n "__fish_kvs_esp_using_subcommand doctor" -l storage-session -d 'Add a storage-session step for a channel that records: connect as its master (superseding the master connected now, for a few seconds), join the storage session (JoinStorageSession) and require DTLS with it and H.264 and Opus sent into it'
complete -c kvs-esp -n "__fish_kvs_esp_using_subcommand doctor" -s v -l verbose -d 'Print more: -v shows every API call as an event line, -vv adds debug detail'
complete -c kvs-esp -n "__fish_kvs_esp_using_subcommand doctor" -s q -l quiet -d 'Print only results and errors, no warnings or notes'
complete -c kvs-esp -n "__fish_kvs_esp_using_subcommand doctor" -l no-color -d 'Never colour the output (also NO_COLOR)'
complete -c kvs-esp -n "__fish_kvs_esp_using_subcommand doctor" -l no-cache -d 'Skip the endpoint cache: always call DescribeSignalingChannel and GetSignalingChannelEndpoint'
complete -c kvs-esp -n "__fish_kvs_esp_using_subcommand doctor" -s h -l help -d 'Print help'
complete -c kvs-esp -n "__fish_kvs_esp_using_subcommand doctor" -s V -l version -d 'Print version'
complete -c kvs-esp -n "__fish_kvs_esp_using_subcommand flash" -l board -d 'The board\'s chip. The firmware is built for it, and a device that is another chip is refused before anything is written. esp32h2 and esp32p4 (no Wi-Fi), esp32 and esp32s2 (no USB-Serial-JTAG peripheral, which the firmware\'s console uses beside UART0) are refused with the reason' -r -f -a "esp32\t''
esp32s2\t''
esp32s3\t''
esp32c3\t''
esp32c6\t''
esp32h2\t''
esp32p4\t''"
complete -c kvs-esp -n "__fish_kvs_esp_using_subcommand flash" -s p -l port -d 'The serial port [default: ESPFLASH_PORT, else the one USB port of a known ESP32 chip or bridge]' -r
complete -c kvs-esp -n "__fish_kvs_esp_using_subcommand flash" -s b -l baud -d 'Baud rate to flash at; above 115200 the loader is asked to switch after connecting' -r
complete -c kvs-esp -n "__fish_kvs_esp_using_subcommand flash" -l elf -d 'Flash this prebuilt ELF instead of building the firmware' -r -F
complete -c kvs-esp -n "__fish_kvs_esp_using_subcommand flash" -l firmware-dir -d 'The firmware to build [default: firmware/app of the kvs-esp checkout in or above the current directory]' -r -F
complete -c kvs-esp -n "__fish_kvs_esp_using_subcommand flash" -l before -d 'How to put the chip into download mode: default-reset toggles DTR/RTS (auto-reset circuits and USB-Serial-JTAG); no-reset expects the chip already waiting (BOOT held during reset)' -r -f -a "default-reset\t''
no-reset\t''
usb-reset\t''"
complete -c kvs-esp -n "__fish_kvs_esp_using_subcommand flash" -l after -d 'What to do when done: hard-reset starts the new firmware; no-reset leaves the chip in the loader' -r -f -a "hard-reset\t''
no-reset\t''
watchdog-reset\t''"
complete -c kvs-esp -n "__fish_kvs_esp_using_subcommand flash" -l until -d 'With --monitor: stop after this long (e.g. 30s) [default: until Ctrl-C]' -r
complete -c kvs-esp -n "__fish_kvs_esp_using_subcommand flash" -s c -l channel -d 'The channel the device signals on; with --wifi-ssid, answers the device\'s provisioning prompt' -r
complete -c kvs-esp -n "__fish_kvs_esp_using_subcommand flash" -s r -l role -d 'The device\'s role on the channel' -r -f -a "master\t''
viewer\t''"
complete -c kvs-esp -n "__fish_kvs_esp_using_subcommand flash" -l client-id -d 'The device\'s client id [default: esp32-<channel name>]' -r
complete -c kvs-esp -n "__fish_kvs_esp_using_subcommand flash" -l wifi-ssid -d 'The Wi-Fi network the device joins' -r
complete -c kvs-esp -n "__fish_kvs_esp_using_subcommand flash" -l wifi-password -d 'Its passphrase (empty for an open network)' -r
complete -c kvs-esp -n "__fish_kvs_esp_using_subcommand flash" -l region -d 'AWS region (default: from AWS_REGION, AWS_DEFAULT_REGION or the profile)' -r
complete -c kvs-esp -n "__fish_kvs_esp_using_subcommand flash" -l profile -d 'Named profile from ~/.aws/config and ~/.aws/credentials' -r
complete -c kvs-esp -n "__fish_kvs_esp_using_subcommand flash" -l endpoint-url -d 'Control-plane endpoint, e.g. the emulator\'s http://127.0.0.1:8480 [default: AWS_ENDPOINT_URL_KINESIS_VIDEO, then AWS_ENDPOINT_URL, then https://kinesisvideo.<region>.amazonaws.com]' -r
complete -c kvs-esp -n "__fish_kvs_esp_using_subcommand flash" -l ca-file -d 'A PEM file of extra CA certificates to trust, e.g. the emulator\'s ca.pem (also AWS_CA_BUNDLE)' -r -F
complete -c kvs-esp -n "__fish_kvs_esp_using_subcommand flash" -s o -l output -d 'Output format: text for people, json for scripts (one JSON document per command)' -r -f -a "text\t''
json\t''"
complete -c kvs-esp -n "__fish_kvs_esp_using_subcommand flash" -l erase -d 'Erase the whole flash first (NVS too: the device forgets its endpoint cache)'
complete -c kvs-esp -n "__fish_kvs_esp_using_subcommand flash" -l no-stub -d 'Talk to the ROM loader directly instead of uploading espflash\'s faster stub loader'
complete -c kvs-esp -n "__fish_kvs_esp_using_subcommand flash" -l monitor -d 'Show the device\'s log after flashing (as `kvs-esp monitor`, symbolized from the flashed ELF)'
complete -c kvs-esp -n "__fish_kvs_esp_using_subcommand flash" -s v -l verbose -d 'Print more: -v shows every API call as an event line, -vv adds debug detail'
complete -c kvs-esp -n "__fish_kvs_esp_using_subcommand flash" -s q -l quiet -d 'Print only results and errors, no warnings or notes'
complete -c kvs-esp -n "__fish_kvs_esp_using_subcommand flash" -l no-color -d 'Never colour the output (also NO_COLOR)'
complete -c kvs-esp -n "__fish_kvs_esp_using_subcommand flash" -l no-cache -d 'Skip the endpoint cache: always call DescribeSignalingChannel and GetSignalingChannelEndpoint'
complete -c kvs-esp -n "__fish_kvs_esp_using_subcommand flash" -s h -l help -d 'Print help'
complete -c kvs-esp -n "__fish_kvs_esp_using_subcommand flash" -s V -l version -d 'Print version'
complete -c kvs-esp -n "__fish_kvs_esp_using_subcommand monitor" -s p -l port -d 'The serial port [default: ESPFLASH_PORT, else the one USB port of a known ESP32 chip or bridge]' -r
complete -c kvs-esp -n "__fish_kvs_esp_using_subcommand monitor" -s b -l baud -d 'Baud rate' -r
complete -c kvs-esp -n "__fish_kvs_esp_using_subcommand monitor" -l elf -d 'The application\'s ELF, to symbolize addresses, to unwind RISC-V stack dumps by its DWARF call frame information, and to check that the device runs this build' -r -F
complete -c kvs-esp -n "__fish_kvs_esp_using_subcommand monitor" -l until -d 'Stop after this long (e.g. 30s, 2m) [default: until Ctrl-C]' -r
complete -c kvs-esp -n "__fish_kvs_esp_using_subcommand monitor" -l filter -d 'Show only these log lines, in esp-idf-monitor\'s print-filter syntax: `tag:level` items (levels N E W I D V, `*` for every other tag), e.g. "kvs:I wifi:W *:E". Lines that are not log lines (boot, panics) pass unless "*:N"' -r
complete -c kvs-esp -n "__fish_kvs_esp_using_subcommand monitor" -l log-file -d 'Also write every line, as received and unfiltered, to this file (appended)' -r -F
complete -c kvs-esp -n "__fish_kvs_esp_using_subcommand monitor" -s c -l channel -d 'The channel the device signals on; with --wifi-ssid, answers the device\'s provisioning prompt' -r
complete -c kvs-esp -n "__fish_kvs_esp_using_subcommand monitor" -s r -l role -d 'The device\'s role on the channel' -r -f -a "master\t''
viewer\t''"
complete -c kvs-esp -n "__fish_kvs_esp_using_subcommand monitor" -l client-id -d 'The device\'s client id [default: esp32-<channel name>]' -r
complete -c kvs-esp -n "__fish_kvs_esp_using_subcommand monitor" -l wifi-ssid -d 'The Wi-Fi network the device joins' -r
complete -c kvs-esp -n "__fish_kvs_esp_using_subcommand monitor" -l wifi-password -d 'Its passphrase (empty for an open network)' -r
complete -c kvs-esp -n "__fish_kvs_esp_using_subcommand monitor" -l region -d 'AWS region (default: from AWS_REGION, AWS_DEFAULT_REGION or the profile)' -r
complete -c kvs-esp -n "__fish_kvs_esp_using_subcommand monitor" -l profile -d 'Named profile from ~/.aws/config and ~/.aws/credentials' -r
complete -c kvs-esp -n "__fish_kvs_esp_using_subcommand monitor" -l endpoint-url -d 'Control-plane endpoint, e.g. the emulator\'s http://127.0.0.1:8480 [default: AWS_ENDPOINT_URL_KINESIS_VIDEO, then AWS_ENDPOINT_URL, then https://kinesisvideo.<region>.amazonaws.com]' -r
complete -c kvs-esp -n "__fish_kvs_esp_using_subcommand monitor" -l ca-file -d 'A PEM file of extra CA certificates to trust, e.g. the emulator\'s ca.pem (also AWS_CA_BUNDLE)' -r -F
complete -c kvs-esp -n "__fish_kvs_esp_using_subcommand monitor" -s o -l output -d 'Output format: text for people, json for scripts (one JSON document per command)' -r -f -a "text\t''
json\t''"
complete -c kvs-esp -n "__fish_kvs_esp_using_subcommand monitor" -l timestamps -d 'Start every shown line with the time it arrived (UTC, to the millisecond)'
complete -c kvs-esp -n "__fish_kvs_esp_using_subcommand monitor" -s v -l verbose -d 'Print more: -v shows every API call as an event line, -vv adds debug detail'
complete -c kvs-esp -n "__fish_kvs_esp_using_subcommand monitor" -s q -l quiet -d 'Print only results and errors, no warnings or notes'
complete -c kvs-esp -n "__fish_kvs_esp_using_subcommand monitor" -l no-color -d 'Never colour the output (also NO_COLOR)'
complete -c kvs-esp -n "__fish_kvs_esp_using_subcommand monitor" -l no-cache -d 'Skip the endpoint cache: always call DescribeSignalingChannel and GetSignalingChannelEndpoint'
complete -c kvs-esp -n "__fish_kvs_esp_using_subcommand monitor" -s h -l help -d 'Print help'
complete -c kvs-esp -n "__fish_kvs_esp_using_subcommand monitor" -s V -l version -d 'Print version'
complete -c kvs-esp -n "__fish_kvs_esp_using_subcommand diagnose" -l board -d 'The board\'s chip (flash it first with `kvs-esp flash --board`)' -r -f -a "esp32\t''
esp32s2\t''
esp32s3\t''
esp32c3\t''
esp32c6\t''
esp32h2\t''
esp32p4\t''"
complete -c kvs-esp -n "__fish_kvs_esp_using_subcommand diagnose" -s c -l channel -d 'The channel: the device becomes its master, the host joins as a viewer. Created if missing' -r
complete -c kvs-esp -n "__fish_kvs_esp_using_subcommand diagnose" -s p -l port -d 'The serial port [default: ESPFLASH_PORT, else the one USB port of a known ESP32 chip or bridge]' -r
complete -c kvs-esp -n "__fish_kvs_esp_using_subcommand diagnose" -s b -l baud -d 'Baud rate of the device\'s console' -r
complete -c kvs-esp -n "__fish_kvs_esp_using_subcommand diagnose" -l client-id -d 'The device\'s client id [default: esp32-<channel name>]' -r
complete -c kvs-esp -n "__fish_kvs_esp_using_subcommand diagnose" -l wifi-ssid -d 'The Wi-Fi network the device joins' -r
complete -c kvs-esp -n "__fish_kvs_esp_using_subcommand diagnose" -l wifi-password -d 'Its passphrase (empty for an open network)' -r
complete -c kvs-esp -n "__fish_kvs_esp_using_subcommand diagnose" -l host-ip -d 'The host viewer\'s candidate addresses (repeatable) [default: every non-loopback IPv4 interface]' -r
complete -c kvs-esp -n "__fish_kvs_esp_using_subcommand diagnose" -l timeout -d 'Give up after this long (e.g. 90s)' -r
complete -c kvs-esp -n "__fish_kvs_esp_using_subcommand diagnose" -l report -d 'Also write the report as a self-contained HTML page with the timeline as a sequence diagram' -r -F
complete -c kvs-esp -n "__fish_kvs_esp_using_subcommand diagnose" -l region -d 'AWS region (default: from AWS_REGION, AWS_DEFAULT_REGION or the profile)' -r
complete -c kvs-esp -n "__fish_kvs_esp_using_subcommand diagnose" -l profile -d 'Named profile from ~/.aws/config and ~/.aws/credentials' -r
complete -c kvs-esp -n "__fish_kvs_esp_using_subcommand diagnose" -l endpoint-url -d 'Control-plane endpoint, e.g. the emulator\'s http://127.0.0.1:8480 [default: AWS_ENDPOINT_URL_KINESIS_VIDEO, then AWS_ENDPOINT_URL, then https://kinesisvideo.<region>.amazonaws.com]' -r
complete -c kvs-esp -n "__fish_kvs_esp_using_subcommand diagnose" -l ca-file -d 'A PEM file of extra CA certificates to trust, e.g. the emulator\'s ca.pem (also AWS_CA_BUNDLE)' -r -F
complete -c kvs-esp -n "__fish_kvs_esp_using_subcommand diagnose" -s o -l output -d 'Output format: text for people, json for scripts (one JSON document per command)' -r -f -a "text\t''
json\t''"
complete -c kvs-esp -n "__fish_kvs_esp_using_subcommand diagnose" -l no-provision -d 'The device runs a master of its own on the channel already (the KVS C SDK\'s sample, say), not the companion firmware: do not provision it, start the host\'s viewer at once and test the media path'
complete -c kvs-esp -n "__fish_kvs_esp_using_subcommand diagnose" -s v -l verbose -d 'Print more: -v shows every API call as an event line, -vv adds debug detail'
complete -c kvs-esp -n "__fish_kvs_esp_using_subcommand diagnose" -s q -l quiet -d 'Print only results and errors, no warnings or notes'
complete -c kvs-esp -n "__fish_kvs_esp_using_subcommand diagnose" -l no-color -d 'Never colour the output (also NO_COLOR)'
complete -c kvs-esp -n "__fish_kvs_esp_using_subcommand diagnose" -l no-cache -d 'Skip the endpoint cache: always call DescribeSignalingChannel and GetSignalingChannelEndpoint'
complete -c kvs-esp -n "__fish_kvs_esp_using_subcommand diagnose" -s h -l help -d 'Print help'
complete -c kvs-esp -n "__fish_kvs_esp_using_subcommand diagnose" -s V -l version -d 'Print version'
complete -c kvs-esp -n "__fish_kvs_esp_using_subcommand virtual-device" -l board -d 'The chip it says it is (in its boot banner and its diagnostic answers)' -r -f -a "esp32\t''
esp32s2\t''
esp32s3\t''
esp32c3\t''
esp32c6\t''
esp32h2\t''
esp32p4\t''"
complete -c kvs-esp -n "__fish_kvs_esp_using_subcommand virtual-device" -l link -d 'Also make the pseudo-terminal reachable at this path (a symlink, removed on exit)' -r -F
complete -c kvs-esp -n "__fish_kvs_esp_using_subcommand virtual-device" -l until -d 'Switch off after this long (e.g. 5m) [default: until Ctrl-C]' -r
complete -c kvs-esp -n "__fish_kvs_esp_using_subcommand virtual-device" -l answer -d 'How it answers a viewer\'s offer: as the companion firmware does, or as a board running a real WebRTC master (the KVS C SDK\'s sample, say) does — with media or with none' -r -f -a "diagnostic\t'The companion firmware\'s diagnostic answer: signaling only, every media section rejected'
media\t'ICE, DTLS, the data channel\'s echo, and the built-in H.264 and Opus test clip'
no-media\t'ICE, DTLS and the data channel, but no media (a master whose camera is stuck)'"
complete -c kvs-esp -n "__fish_kvs_esp_using_subcommand virtual-device" -l host-ip -d 'The address of a host candidate (repeatable) [default: every non-loopback IPv4 interface]' -r
complete -c kvs-esp -n "__fish_kvs_esp_using_subcommand virtual-device" -l bundle -d 'The roots the device trusts for TURN over TLS: esp-common (ESP-IDF\'s common bundle, the firmware\'s), esp-full, or a PEM file (a firmware built with a bundle of its own)' -r
complete -c kvs-esp -n "__fish_kvs_esp_using_subcommand virtual-device" -l region -d 'AWS region (default: from AWS_REGION, AWS_DEFAULT_REGION or the profile)' -r
complete -c kvs-esp -n "__fish_kvs_esp_using_subcommand virtual-device" -l profile -d 'Named profile from ~/.aws/config and ~/.aws/credentials' -r
complete -c kvs-esp -n "__fish_kvs_esp_using_subcommand virtual-device" -l endpoint-url -d 'Control-plane endpoint, e.g. the emulator\'s http://127.0.0.1:8480 [default: AWS_ENDPOINT_URL_KINESIS_VIDEO, then AWS_ENDPOINT_URL, then https://kinesisvideo.<region>.amazonaws.com]' -r
complete -c kvs-esp -n "__fish_kvs_esp_using_subcommand virtual-device" -l ca-file -d 'A PEM file of extra CA certificates to trust, e.g. the emulator\'s ca.pem (also AWS_CA_BUNDLE)' -r -F
complete -c kvs-esp -n "__fish_kvs_esp_using_subcommand virtual-device" -s o -l output -d 'Output format: text for people, json for scripts (one JSON document per command)' -r -f -a "text\t''
json\t''"
complete -c kvs-esp -n "__fish_kvs_esp_using_subcommand virtual-device" -s v -l verbose -d 'Print more: -v shows every API call as an event line, -vv adds debug detail'
complete -c kvs-esp -n "__fish_kvs_esp_using_subcommand virtual-device" -s q -l quiet -d 'Print only results and errors, no warnings or notes'
complete -c kvs-esp -n "__fish_kvs_esp_using_subcommand virtual-device" -l no-color -d 'Never colour the output (also NO_COLOR)'
complete -c kvs-esp -n "__fish_kvs_esp_using_subcommand virtual-device" -l no-cache -d 'Skip the endpoint cache: always call DescribeSignalingChannel and GetSignalingChannelEndpoint'
complete -c kvs-esp -n "__fish_kvs_esp_using_subcommand virtual-device" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c kvs-esp -n "__fish_kvs_esp_using_subcommand virtual-device" -s V -l version -d 'Print version'
complete -c kvs-esp -n "__fish_kvs_esp_using_subcommand cache; and not __fish_seen_subcommand_from show clear help" -l region -d 'AWS region (default: from AWS_REGION, AWS_DEFAULT_REGION or the profile)' -r
complete -c kvs-esp -n "__fish_kvs_esp_using_subcommand cache; and not __fish_seen_subcommand_from show clear help" -l profile -d 'Named profile from ~/.aws/config and ~/.aws/credentials' -r
complete -c kvs-esp -n "__fish_kvs_esp_using_subcommand cache; and not __fish_seen_subcommand_from show clear help" -l endpoint-url -d 'Control-plane endpoint, e.g. the emulator\'s http://127.0.0.1:8480 [default: AWS_ENDPOINT_URL_KINESIS_VIDEO, then AWS_ENDPOINT_URL, then https://kinesisvideo.<region>.amazonaws.com]' -r
complete -c kvs-esp -n "__fish_kvs_esp_using_subcommand cache; and not __fish_seen_subcommand_from show clear help" -l ca-file -d 'A PEM file of extra CA certificates to trust, e.g. the emulator\'s ca.pem (also AWS_CA_BUNDLE)' -r -F
complete -c kvs-esp -n "__fish_kvs_esp_using_subcommand cache; and not __fish_seen_subcommand_from show clear help" -s o -l output -d 'Output format: text for people, json for scripts (one JSON document per command)' -r -f -a "text\t''
json\t''"
complete -c kvs-esp -n "__fish_kvs_esp_using_subcommand cache; and not __fish_seen_subcommand_from show clear help" -s v -l verbose -d 'Print more: -v shows every API call as an event line, -vv adds debug detail'
complete -c kvs-esp -n "__fish_kvs_esp_using_subcommand cache; and not __fish_seen_subcommand_from show clear help" -s q -l quiet -d 'Print only results and errors, no warnings or notes'
complete -c kvs-esp -n "__fish_kvs_esp_using_subcommand cache; and not __fish_seen_subcommand_from show clear help" -l no-color -d 'Never colour the output (also NO_COLOR)'
complete -c kvs-esp -n "__fish_kvs_esp_using_subcommand cache; and not __fish_seen_subcommand_from show clear help" -l no-cache -d 'Skip the endpoint cache: always call DescribeSignalingChannel and GetSignalingChannelEndpoint'
complete -c kvs-esp -n "__fish_kvs_esp_using_subcommand cache; and not __fish_seen_subcommand_from show clear help" -s h -l help -d 'Print help'
complete -c kvs-esp -n "__fish_kvs_esp_using_subcommand cache; and not __fish_seen_subcommand_from show clear help" -s V -l version -d 'Print version'
complete -c kvs-esp -n "__fish_kvs_esp_using_subcommand cache; and not __fish_seen_subcommand_from show clear help" -f -a "show" -d 'List cached endpoint entries and when each expires'
complete -c kvs-esp -n "__fish_kvs_esp_using_subcommand cache; and not __fish_seen_subcommand_from show clear help" -f -a "clear" -d 'Remove every cached entry'
complete -c kvs-esp -n "__fish_kvs_esp_using_subcommand cache; and not __fish_seen_subcommand_from show clear help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c kvs-esp -n "__fish_kvs_esp_using_subcommand cache; and __fish_seen_subcommand_from show" -l region -d 'AWS region (default: from AWS_REGION, AWS_DEFAULT_REGION or the profile)' -r
complete -c kvs-esp -n "__fish_kvs_esp_using_subcommand cache; and __fish_seen_subcommand_from show" -l profile -d 'Named profile from ~/.aws/config and ~/.aws/credentials' -r
complete -c kvs-esp -n "__fish_kvs_esp_using_subcommand cache; and __fish_seen_subcommand_from show" -l endpoint-url -d 'Control-plane endpoint, e.g. the emulator\'s http://127.0.0.1:8480 [default: AWS_ENDPOINT_URL_KINESIS_VIDEO, then AWS_ENDPOINT_URL, then https://kinesisvideo.<region>.amazonaws.com]' -r
complete -c kvs-esp -n "__fish_kvs_esp_using_subcommand cache; and __fish_seen_subcommand_from show" -l ca-file -d 'A PEM file of extra CA certificates to trust, e.g. the emulator\'s ca.pem (also AWS_CA_BUNDLE)' -r -F
complete -c kvs-esp -n "__fish_kvs_esp_using_subcommand cache; and __fish_seen_subcommand_from show" -s o -l output -d 'Output format: text for people, json for scripts (one JSON document per command)' -r -f -a "text\t''
json\t''"
complete -c kvs-esp -n "__fish_kvs_esp_using_subcommand cache; and __fish_seen_subcommand_from show" -s v -l verbose -d 'Print more: -v shows every API call as an event line, -vv adds debug detail'
complete -c kvs-esp -n "__fish_kvs_esp_using_subcommand cache; and __fish_seen_subcommand_from show" -s q -l quiet -d 'Print only results and errors, no warnings or notes'
complete -c kvs-esp -n "__fish_kvs_esp_using_subcommand cache; and __fish_seen_subcommand_from show" -l no-color -d 'Never colour the output (also NO_COLOR)'
complete -c kvs-esp -n "__fish_kvs_esp_using_subcommand cache; and __fish_seen_subcommand_from show" -l no-cache -d 'Skip the endpoint cache: always call DescribeSignalingChannel and GetSignalingChannelEndpoint'
complete -c kvs-esp -n "__fish_kvs_esp_using_subcommand cache; and __fish_seen_subcommand_from show" -s h -l help -d 'Print help'
complete -c kvs-esp -n "__fish_kvs_esp_using_subcommand cache; and __fish_seen_subcommand_from show" -s V -l version -d 'Print version'
complete -c kvs-esp -n "__fish_kvs_esp_using_subcommand cache; and __fish_seen_subcommand_from clear" -l region -d 'AWS region (default: from AWS_REGION, AWS_DEFAULT_REGION or the profile)' -r
complete -c kvs-esp -n "__fish_kvs_esp_using_subcommand cache; and __fish_seen_subcommand_from clear" -l profile -d 'Named profile from ~/.aws/config and ~/.aws/credentials' -r
complete -c kvs-esp -n "__fish_kvs_esp_using_subcommand cache; and __fish_seen_subcommand_from clear" -l endpoint-url -d 'Control-plane endpoint, e.g. the emulator\'s http://127.0.0.1:8480 [default: AWS_ENDPOINT_URL_KINESIS_VIDEO, then AWS_ENDPOINT_URL, then https://kinesisvideo.<region>.amazonaws.com]' -r
complete -c kvs-esp -n "__fish_kvs_esp_using_subcommand cache; and __fish_seen_subcommand_from clear" -l ca-file -d 'A PEM file of extra CA certificates to trust, e.g. the emulator\'s ca.pem (also AWS_CA_BUNDLE)' -r -F
complete -c kvs-esp -n "__fish_kvs_esp_using_subcommand cache; and __fish_seen_subcommand_from clear" -s o -l output -d 'Output format: text for people, json for scripts (one JSON document per command)' -r -f -a "text\t''
json\t''"
complete -c kvs-esp -n "__fish_kvs_esp_using_subcommand cache; and __fish_seen_subcommand_from clear" -s v -l verbose -d 'Print more: -v shows every API call as an event line, -vv adds debug detail'
complete -c kvs-esp -n "__fish_kvs_esp_using_subcommand cache; and __fish_seen_subcommand_from clear" -s q -l quiet -d 'Print only results and errors, no warnings or notes'
complete -c kvs-esp -n "__fish_kvs_esp_using_subcommand cache; and __fish_seen_subcommand_from clear" -l no-color -d 'Never colour the output (also NO_COLOR)'
complete -c kvs-esp -n "__fish_kvs_esp_using_subcommand cache; and __fish_seen_subcommand_from clear" -l no-cache -d 'Skip the endpoint cache: always call DescribeSignalingChannel and GetSignalingChannelEndpoint'
complete -c kvs-esp -n "__fish_kvs_esp_using_subcommand cache; and __fish_seen_subcommand_from clear" -s h -l help -d 'Print help'
complete -c kvs-esp -n "__fish_kvs_esp_using_subcommand cache; and __fish_seen_subcommand_from clear" -s V -l version -d 'Print version'
complete -c kvs-esp -n "__fish_kvs_esp_using_subcommand cache; and __fish_seen_subcommand_from help" -f -a "show" -d 'List cached endpoint entries and when each expires'
complete -c kvs-esp -n "__fish_kvs_esp_using_subcommand cache; and __fish_seen_subcommand_from help" -f -a "clear" -d 'Remove every cached entry'
complete -c kvs-esp -n "__fish_kvs_esp_using_subcommand cache; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c kvs-esp -n "__fish_kvs_esp_using_subcommand completions" -l region -d 'AWS region (default: from AWS_REGION, AWS_DEFAULT_REGION or the profile)' -r
complete -c kvs-esp -n "__fish_kvs_esp_using_subcommand completions" -l profile -d 'Named profile from ~/.aws/config and ~/.aws/credentials' -r
complete -c kvs-esp -n "__fish_kvs_esp_using_subcommand completions" -l endpoint-url -d 'Control-plane endpoint, e.g. the emulator\'s http://127.0.0.1:8480 [default: AWS_ENDPOINT_URL_KINESIS_VIDEO, then AWS_ENDPOINT_URL, then https://kinesisvideo.<region>.amazonaws.com]' -r
complete -c kvs-esp -n "__fish_kvs_esp_using_subcommand completions" -l ca-file -d 'A PEM file of extra CA certificates to trust, e.g. the emulator\'s ca.pem (also AWS_CA_BUNDLE)' -r -F
complete -c kvs-esp -n "__fish_kvs_esp_using_subcommand completions" -s o -l output -d 'Output format: text for people, json for scripts (one JSON document per command)' -r -f -a "text\t''
json\t''"
complete -c kvs-esp -n "__fish_kvs_esp_using_subcommand completions" -s v -l verbose -d 'Print more: -v shows every API call as an event line, -vv adds debug detail'
complete -c kvs-esp -n "__fish_kvs_esp_using_subcommand completions" -s q -l quiet -d 'Print only results and errors, no warnings or notes'
complete -c kvs-esp -n "__fish_kvs_esp_using_subcommand completions" -l no-color -d 'Never colour the output (also NO_COLOR)'
complete -c kvs-esp -n "__fish_kvs_esp_using_subcommand completions" -l no-cache -d 'Skip the endpoint cache: always call DescribeSignalingChannel and GetSignalingChannelEndpoint'
complete -c kvs-esp -n "__fish_kvs_esp_using_subcommand completions" -s h -l help -d 'Print help'
complete -c kvs-esp -n "__fish_kvs_esp_using_subcommand completions" -s V -l version -d 'Print version'
complete -c kvs-esp -n "__fish_kvs_esp_using_subcommand emulator; and not __fish_seen_subcommand_from stats help" -l bind -d 'Address to listen on. Loopback unless you mean to expose an unauthenticated test service' -r
complete -c kvs-esp -n "__fish_kvs_esp_using_subcommand emulator; and not __fish_seen_subcommand_from stats help" -l http-port -d 'Plain-HTTP port (0 picks a free one)' -r
complete -c kvs-esp -n "__fish_kvs_esp_using_subcommand emulator; and not __fish_seen_subcommand_from stats help" -l https-port -d 'HTTPS port (0 picks a free one); its certificate is issued by the CA in --state-dir' -r
complete -c kvs-esp -n "__fish_kvs_esp_using_subcommand emulator; and not __fish_seen_subcommand_from stats help" -l state-dir -d 'Keep the CA and channels here, across restarts [default: a new temporary directory]' -r -F
complete -c kvs-esp -n "__fish_kvs_esp_using_subcommand emulator; and not __fish_seen_subcommand_from stats help" -l key -d 'An accepted key pair ACCESS_KEY_ID:SECRET[:SESSION_TOKEN]; repeat for more. Replaces the default pair. With @EXPIRATION (Unix seconds) it expires then, as session credentials do: later requests get ExpiredTokenException' -r
complete -c kvs-esp -n "__fish_kvs_esp_using_subcommand emulator; and not __fish_seen_subcommand_from stats help" -l expired-key -d 'An accepted key pair whose session has expired: requests signed with it get ExpiredTokenException' -r
complete -c kvs-esp -n "__fish_kvs_esp_using_subcommand emulator; and not __fish_seen_subcommand_from stats help" -l denied-key -d 'An accepted key pair without permissions: its requests get AccessDeniedException (401)' -r
complete -c kvs-esp -n "__fish_kvs_esp_using_subcommand emulator; and not __fish_seen_subcommand_from stats help" -l emulated-region -d 'The region the emulator serves; requests signed for another region are refused' -r
complete -c kvs-esp -n "__fish_kvs_esp_using_subcommand emulator; and not __fish_seen_subcommand_from stats help" -l account-id -d 'The account id in the ARNs it mints' -r
complete -c kvs-esp -n "__fish_kvs_esp_using_subcommand emulator; and not __fish_seen_subcommand_from stats help" -l skew-tolerance -d 'How far a request\'s X-Amz-Date may be from the emulator\'s clock, in seconds' -r
complete -c kvs-esp -n "__fish_kvs_esp_using_subcommand emulator; and not __fish_seen_subcommand_from stats help" -l clock-offset -d 'Shift the emulator\'s clock by this many seconds (negative: behind), to test clock-skew handling' -r
complete -c kvs-esp -n "__fish_kvs_esp_using_subcommand emulator; and not __fish_seen_subcommand_from stats help" -l turn-uri -d 'A TURN URI to hand out in GetIceServerConfig, e.g. turns:localhost:5349?transport=tcp; repeat for more' -r
complete -c kvs-esp -n "__fish_kvs_esp_using_subcommand emulator; and not __fish_seen_subcommand_from stats help" -l turn-secret -d 'The TURN REST shared secret (coturn\'s static-auth-secret) used to mint ICE credentials' -r
complete -c kvs-esp -n "__fish_kvs_esp_using_subcommand emulator; and not __fish_seen_subcommand_from stats help" -l turn-ttl -d 'Lifetime of minted TURN credentials, in seconds (the service uses 300)' -r
complete -c kvs-esp -n "__fish_kvs_esp_using_subcommand emulator; and not __fish_seen_subcommand_from stats help" -l max-channels -d 'Most channels it holds before AccountChannelLimitExceededException, and most streams (counted apart) before AccountStreamLimitExceededException' -r
complete -c kvs-esp -n "__fish_kvs_esp_using_subcommand emulator; and not __fish_seen_subcommand_from stats help" -l max-viewers -d 'Most viewers connected to one channel; one more is refused at the handshake' -r
complete -c kvs-esp -n "__fish_kvs_esp_using_subcommand emulator; and not __fish_seen_subcommand_from stats help" -l rates -d 'Messages per second per connection for SDP offers, SDP answers and ICE candidates' -r
complete -c kvs-esp -n "__fish_kvs_esp_using_subcommand emulator; and not __fish_seen_subcommand_from stats help" -l idle-timeout -d 'Seconds without a message or ping before a connection gets GO_AWAY and is closed' -r
complete -c kvs-esp -n "__fish_kvs_esp_using_subcommand emulator; and not __fish_seen_subcommand_from stats help" -l max-duration -d 'Seconds a connection may last before it gets GO_AWAY and is closed' -r
complete -c kvs-esp -n "__fish_kvs_esp_using_subcommand emulator; and not __fish_seen_subcommand_from stats help" -l go-away-grace-ms -d 'Milliseconds between GO_AWAY and the close that follows it (the service allows up to a minute)' -r
complete -c kvs-esp -n "__fish_kvs_esp_using_subcommand emulator; and not __fish_seen_subcommand_from stats help" -l request-timeout -d 'Seconds a client may take to send a request\'s headers, and then its body; slower clients are cut off' -r
complete -c kvs-esp -n "__fish_kvs_esp_using_subcommand emulator; and not __fish_seen_subcommand_from stats help" -l profile -d 'Named profile from ~/.aws/config and ~/.aws/credentials' -r
complete -c kvs-esp -n "__fish_kvs_esp_using_subcommand emulator; and not __fish_seen_subcommand_from stats help" -l endpoint-url -d 'Control-plane endpoint, e.g. the emulator\'s http://127.0.0.1:8480 [default: AWS_ENDPOINT_URL_KINESIS_VIDEO, then AWS_ENDPOINT_URL, then https://kinesisvideo.<region>.amazonaws.com]' -r
complete -c kvs-esp -n "__fish_kvs_esp_using_subcommand emulator; and not __fish_seen_subcommand_from stats help" -l ca-file -d 'A PEM file of extra CA certificates to trust, e.g. the emulator\'s ca.pem (also AWS_CA_BUNDLE)' -r -F
complete -c kvs-esp -n "__fish_kvs_esp_using_subcommand emulator; and not __fish_seen_subcommand_from stats help" -s o -l output -d 'Output format: text for people, json for scripts (one JSON document per command)' -r -f -a "text\t''
json\t''"
complete -c kvs-esp -n "__fish_kvs_esp_using_subcommand emulator; and not __fish_seen_subcommand_from stats help" -s v -l verbose -d 'Print more: -v shows every API call as an event line, -vv adds debug detail'
complete -c kvs-esp -n "__fish_kvs_esp_using_subcommand emulator; and not __fish_seen_subcommand_from stats help" -s q -l quiet -d 'Print only results and errors, no warnings or notes'
complete -c kvs-esp -n "__fish_kvs_esp_using_subcommand emulator; and not __fish_seen_subcommand_from stats help" -l no-color -d 'Never colour the output (also NO_COLOR)'
complete -c kvs-esp -n "__fish_kvs_esp_using_subcommand emulator; and not __fish_seen_subcommand_from stats help" -l no-cache -d 'Skip the endpoint cache: always call DescribeSignalingChannel and GetSignalingChannelEndpoint'
complete -c kvs-esp -n "__fish_kvs_esp_using_subcommand emulator; and not __fish_seen_subcommand_from stats help" -s h -l help -d 'Print help'
complete -c kvs-esp -n "__fish_kvs_esp_using_subcommand emulator; and not __fish_seen_subcommand_from stats help" -s V -l version -d 'Print version'
complete -c kvs-esp -n "__fish_kvs_esp_using_subcommand emulator; and not __fish_seen_subcommand_from stats help" -f -a "stats" -d 'Ask the emulator at --endpoint-url (or AWS_ENDPOINT_URL_KINESIS_VIDEO) what it has served: requests by operation, signaling connections and relayed messages, and per stream the storage sessions it recorded (frames, bytes, the last session\'s directory and how it ended)'
complete -c kvs-esp -n "__fish_kvs_esp_using_subcommand emulator; and not __fish_seen_subcommand_from stats help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c kvs-esp -n "__fish_kvs_esp_using_subcommand emulator; and __fish_seen_subcommand_from stats" -l profile -d 'Named profile from ~/.aws/config and ~/.aws/credentials' -r
complete -c kvs-esp -n "__fish_kvs_esp_using_subcommand emulator; and __fish_seen_subcommand_from stats" -l endpoint-url -d 'Control-plane endpoint, e.g. the emulator\'s http://127.0.0.1:8480 [default: AWS_ENDPOINT_URL_KINESIS_VIDEO, then AWS_ENDPOINT_URL, then https://kinesisvideo.<region>.amazonaws.com]' -r
complete -c kvs-esp -n "__fish_kvs_esp_using_subcommand emulator; and __fish_seen_subcommand_from stats" -l ca-file -d 'A PEM file of extra CA certificates to trust, e.g. the emulator\'s ca.pem (also AWS_CA_BUNDLE)' -r -F
complete -c kvs-esp -n "__fish_kvs_esp_using_subcommand emulator; and __fish_seen_subcommand_from stats" -s o -l output -d 'Output format: text for people, json for scripts (one JSON document per command)' -r -f -a "text\t''
json\t''"
complete -c kvs-esp -n "__fish_kvs_esp_using_subcommand emulator; and __fish_seen_subcommand_from stats" -s v -l verbose -d 'Print more: -v shows every API call as an event line, -vv adds debug detail'
complete -c kvs-esp -n "__fish_kvs_esp_using_subcommand emulator; and __fish_seen_subcommand_from stats" -s q -l quiet -d 'Print only results and errors, no warnings or notes'
complete -c kvs-esp -n "__fish_kvs_esp_using_subcommand emulator; and __fish_seen_subcommand_from stats" -l no-color -d 'Never colour the output (also NO_COLOR)'
complete -c kvs-esp -n "__fish_kvs_esp_using_subcommand emulator; and __fish_seen_subcommand_from stats" -l no-cache -d 'Skip the endpoint cache: always call DescribeSignalingChannel and GetSignalingChannelEndpoint'
complete -c kvs-esp -n "__fish_kvs_esp_using_subcommand emulator; and __fish_seen_subcommand_from stats" -s h -l help -d 'Print help'
complete -c kvs-esp -n "__fish_kvs_esp_using_subcommand emulator; and __fish_seen_subcommand_from stats" -s V -l version -d 'Print version'
complete -c kvs-esp -n "__fish_kvs_esp_using_subcommand emulator; and __fish_seen_subcommand_from help" -f -a "stats" -d 'Ask the emulator at --endpoint-url (or AWS_ENDPOINT_URL_KINESIS_VIDEO) what it has served: requests by operation, signaling connections and relayed messages, and per stream the storage sessions it recorded (frames, bytes, the last session\'s directory and how it ended)'
complete -c kvs-esp -n "__fish_kvs_esp_using_subcommand emulator; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c kvs-esp -n "__fish_kvs_esp_using_subcommand help; and not __fish_seen_subcommand_from channel stream endpoint ice-config signal webrtc turn-tls doctor flash monitor diagnose virtual-device cache completions emulator help" -f -a "channel" -d 'Create, describe, list and delete signaling channels (the control plane)'
complete -c kvs-esp -n "__fish_kvs_esp_using_subcommand help; and not __fish_seen_subcommand_from channel stream endpoint ice-config signal webrtc turn-tls doctor flash monitor diagnose virtual-device cache completions emulator help" -f -a "stream" -d 'Create, describe, list and delete Kinesis video streams: what a channel\'s media is recorded into once `kvs-esp channel storage enable` names one (WebRTC ingestion)'
complete -c kvs-esp -n "__fish_kvs_esp_using_subcommand help; and not __fish_seen_subcommand_from channel stream endpoint ice-config signal webrtc turn-tls doctor flash monitor diagnose virtual-device cache completions emulator help" -f -a "endpoint" -d 'Look up a channel\'s signaling endpoints (GetSignalingChannelEndpoint)'
complete -c kvs-esp -n "__fish_kvs_esp_using_subcommand help; and not __fish_seen_subcommand_from channel stream endpoint ice-config signal webrtc turn-tls doctor flash monitor diagnose virtual-device cache completions emulator help" -f -a "ice-config" -d 'Fetch TURN servers and credentials (GetIceServerConfig, on the channel\'s HTTPS endpoint)'
complete -c kvs-esp -n "__fish_kvs_esp_using_subcommand help; and not __fish_seen_subcommand_from channel stream endpoint ice-config signal webrtc turn-tls doctor flash monitor diagnose virtual-device cache completions emulator help" -f -a "signal" -d 'Run a WebSocket signaling session as master or viewer (messages in and out as JSON lines)'
complete -c kvs-esp -n "__fish_kvs_esp_using_subcommand help; and not __fish_seen_subcommand_from channel stream endpoint ice-config signal webrtc turn-tls doctor flash monitor diagnose virtual-device cache completions emulator help" -f -a "webrtc" -d 'Run a real WebRTC peer over signaling (ICE, TURN, DTLS, data channel, RTP) and report, layer by layer, whether media flows and where it stops'
complete -c kvs-esp -n "__fish_kvs_esp_using_subcommand help; and not __fish_seen_subcommand_from channel stream endpoint ice-config signal webrtc turn-tls doctor flash monitor diagnose virtual-device cache completions emulator help" -f -a "turn-tls" -d 'Probe TURN over TLS as an ESP32 with its certificate bundle would use it'
complete -c kvs-esp -n "__fish_kvs_esp_using_subcommand help; and not __fish_seen_subcommand_from channel stream endpoint ice-config signal webrtc turn-tls doctor flash monitor diagnose virtual-device cache completions emulator help" -f -a "doctor" -d 'Run every check a KVS WebRTC connection depends on, in order, with one verdict each: credentials, region, DNS/TCP/TLS to the control plane, clock, the channel\'s API calls, the WebSocket, TURN over TLS'
complete -c kvs-esp -n "__fish_kvs_esp_using_subcommand help; and not __fish_seen_subcommand_from channel stream endpoint ice-config signal webrtc turn-tls doctor flash monitor diagnose virtual-device cache completions emulator help" -f -a "flash" -d 'Build the companion firmware for a board and flash it over the serial port (espflash\'s stub loader, compressed, MD5-verified); --monitor then shows the device\'s log and answers its provisioning prompt'
complete -c kvs-esp -n "__fish_kvs_esp_using_subcommand help; and not __fish_seen_subcommand_from channel stream endpoint ice-config signal webrtc turn-tls doctor flash monitor diagnose virtual-device cache completions emulator help" -f -a "monitor" -d 'Show an ESP32\'s serial log: lines classified (ROM banner, ESP-IDF log, kvs events, panics), every code address symbolized from --elf and RISC-V stack dumps unwound into a backtrace; --output json streams one JSON object per line'
complete -c kvs-esp -n "__fish_kvs_esp_using_subcommand help; and not __fish_seen_subcommand_from channel stream endpoint ice-config signal webrtc turn-tls doctor flash monitor diagnose virtual-device cache completions emulator help" -f -a "diagnose" -d 'Watch a device and the host signal on one channel: provision the device as master over its serial port, send it an offer from a host WebRTC viewer, and show both sides on one timeline with each phase\'s duration and a verdict that names the first failing phase and its likely cause. The companion firmware checks its own network paths once CONNECTED (STUN, TURN over UDP, TCP and TLS with its bundle) and answers with a diagnostic answer that carries its ICE-lite candidates, which the host checks; a device that answers with media (a KVS C SDK master; --no-provision when it runs its own firmware) has its media path checked instead: ICE, DTLS, the data channel, the first frames and keyframe'
complete -c kvs-esp -n "__fish_kvs_esp_using_subcommand help; and not __fish_seen_subcommand_from channel stream endpoint ice-config signal webrtc turn-tls doctor flash monitor diagnose virtual-device cache completions emulator help" -f -a "virtual-device" -d 'Run a virtual ESP32 on a pseudo-terminal: the companion firmware\'s console (boot log, provisioning prompt, event lines, path checks, diagnostic SDP answers with its ICE-lite agent) with the core\'s machines run by the host, against AWS or the emulator; or a board with a real WebRTC master (--answer media). `monitor` and `diagnose` work with it as with a board'
complete -c kvs-esp -n "__fish_kvs_esp_using_subcommand help; and not __fish_seen_subcommand_from channel stream endpoint ice-config signal webrtc turn-tls doctor flash monitor diagnose virtual-device cache completions emulator help" -f -a "cache" -d 'Show or clear the endpoint cache'
complete -c kvs-esp -n "__fish_kvs_esp_using_subcommand help; and not __fish_seen_subcommand_from channel stream endpoint ice-config signal webrtc turn-tls doctor flash monitor diagnose virtual-device cache completions emulator help" -f -a "completions" -d 'Print a shell completion script, e.g. `kvs-esp completions bash > /etc/bash_completion.d/kvs-esp`'
complete -c kvs-esp -n "__fish_kvs_esp_using_subcommand help; and not __fish_seen_subcommand_from channel stream endpoint ice-config signal webrtc turn-tls doctor flash monitor diagnose virtual-device cache completions emulator help" -f -a "emulator" -d 'Run a local KVS on loopback: control plane, signaling API, SigV4 verification, TURN REST credentials, and WebRTC ingestion\'s storage sessions (recorded under --state-dir); `emulator stats` asks a running one what it has served and recorded'
complete -c kvs-esp -n "__fish_kvs_esp_using_subcommand help; and not __fish_seen_subcommand_from channel stream endpoint ice-config signal webrtc turn-tls doctor flash monitor diagnose virtual-device cache completions emulator help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c kvs-esp -n "__fish_kvs_esp_using_subcommand help; and __fish_seen_subcommand_from channel" -f -a "create" -d 'Create a signaling channel (CreateSignalingChannel)'
complete -c kvs-esp -n "__fish_kvs_esp_using_subcommand help; and __fish_seen_subcommand_from channel" -f -a "describe" -d 'Show a channel\'s ARN, status, version and message TTL (DescribeSignalingChannel)'
complete -c kvs-esp -n "__fish_kvs_esp_using_subcommand help; and __fish_seen_subcommand_from channel" -f -a "delete" -d 'Delete a channel (DescribeSignalingChannel for the current version, then DeleteSignalingChannel)'
complete -c kvs-esp -n "__fish_kvs_esp_using_subcommand help; and __fish_seen_subcommand_from channel" -f -a "list" -d 'List channels, following every page (ListSignalingChannels)'
complete -c kvs-esp -n "__fish_kvs_esp_using_subcommand help; and __fish_seen_subcommand_from channel" -f -a "storage" -d 'Record the channel\'s media into a Kinesis video stream, stop, or show where it goes (the channel\'s media storage configuration). A recording channel\'s master joins the storage session with JoinStorageSession and sends it H.264 video and Opus audio'
complete -c kvs-esp -n "__fish_kvs_esp_using_subcommand help; and __fish_seen_subcommand_from stream" -f -a "create" -d 'Create a stream (CreateStream)'
complete -c kvs-esp -n "__fish_kvs_esp_using_subcommand help; and __fish_seen_subcommand_from stream" -f -a "describe" -d 'Show a stream\'s ARN, status, retention and version (DescribeStream)'
complete -c kvs-esp -n "__fish_kvs_esp_using_subcommand help; and __fish_seen_subcommand_from stream" -f -a "delete" -d 'Delete a stream (DescribeStream for the current version, then DeleteStream). A channel that recorded into it can no longer join its storage session'
complete -c kvs-esp -n "__fish_kvs_esp_using_subcommand help; and __fish_seen_subcommand_from stream" -f -a "list" -d 'List streams, following every page (ListStreams)'
complete -c kvs-esp -n "__fish_kvs_esp_using_subcommand help; and __fish_seen_subcommand_from endpoint" -f -a "get" -d 'Get the WSS and HTTPS endpoints for a role; cached for 10 hours unless --no-cache'
complete -c kvs-esp -n "__fish_kvs_esp_using_subcommand help; and __fish_seen_subcommand_from ice-config" -f -a "get" -d 'Get TURN servers with short-lived credentials for a client'
complete -c kvs-esp -n "__fish_kvs_esp_using_subcommand help; and __fish_seen_subcommand_from signal" -f -a "connect" -d 'Connect and stay connected: print every received message as one JSON object per line on stdout; send the JSON lines read from stdin (or --send FILE), e.g. {"action":"SDP_OFFER","payload":{"type":"offer","sdp":"v=0…"}} or, as master, {"action":"ICE_CANDIDATE","recipient":"viewer-1","payload":{"candidate":"candidate:…"}}. Reconnects on drops, GO_AWAY and RECONNECT_ICE_SERVER; prints a metrics summary at exit'
complete -c kvs-esp -n "__fish_kvs_esp_using_subcommand help; and __fish_seen_subcommand_from signal" -f -a "alexa-offer" -d 'Send an SDP offer to the channel\'s master with SendAlexaOfferToMaster (the HTTPS call an Alexa device uses instead of a WebSocket) and print the master\'s answer. The master must be connected (or connect within the channel\'s message TTL) and answer within 10 s'
complete -c kvs-esp -n "__fish_kvs_esp_using_subcommand help; and __fish_seen_subcommand_from webrtc" -f -a "connect" -d 'Connect a WebRTC peer to a channel. As viewer: offer receive-only audio and video (H.264, VP8, Opus, PCMU, PCMA) and a data channel, trickle candidates (host, server-reflexive from STUN, relay from the channel\'s TURN servers over UDP, TCP and TLS), and report every layer — candidates, pairs and their round trips, the nominated pair, DTLS, the data channel\'s echo, each track\'s first packet and keyframe and per-second figures. As master: answer every viewer (up to 10), send an H.264 and an Opus track (a built-in test clip, or --video/--audio files, looped), and echo the data channel — as the KVS C SDK\'s sample master does. Ends with a verdict that names the first failing layer and its likely cause (exit 7)'
complete -c kvs-esp -n "__fish_kvs_esp_using_subcommand help; and __fish_seen_subcommand_from turn-tls" -f -a "probe" -d 'For every turns:…?transport=tcp server of a channel (or one --uri): DNS, TCP, TLS (chain, version, cipher, anchoring root, whether ESP-IDF\'s default bundle trusts it), TURN Allocate with long-term credentials, an optional relay round trip (--peer), and Refresh to release — each step timed'
complete -c kvs-esp -n "__fish_kvs_esp_using_subcommand help; and __fish_seen_subcommand_from cache" -f -a "show" -d 'List cached endpoint entries and when each expires'
complete -c kvs-esp -n "__fish_kvs_esp_using_subcommand help; and __fish_seen_subcommand_from cache" -f -a "clear" -d 'Remove every cached entry'
complete -c kvs-esp -n "__fish_kvs_esp_using_subcommand help; and __fish_seen_subcommand_from emulator" -f -a "stats" -d 'Ask the emulator at --endpoint-url (or AWS_ENDPOINT_URL_KINESIS_VIDEO) what it has served: requests by operation, signaling connections and relayed messages, and per stream the storage sessions it recorded (frames, bytes, the last session\'s directory and how it ended)'
