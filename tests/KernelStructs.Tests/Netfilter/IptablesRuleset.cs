namespace KernelStructs.Tests.Netfilter;

/// <summary>A ruleset that uses every feature the dump sample supports, in filter, nat, mangle and raw.</summary>
internal static class IptablesRuleset
{
    public const string Full = """
        *filter
        :INPUT DROP [0:0]
        :FORWARD ACCEPT [0:0]
        :OUTPUT ACCEPT [0:0]
        :LOGDROP - [0:0]
        :web - [0:0]
        :zz-empty - [0:0]
        -A INPUT -i lo -j ACCEPT
        -A INPUT -s 10.0.0.0/8 -d 192.168.1.1/32 -i eth+ -p tcp -m tcp --dport 22 -j ACCEPT
        -A INPUT ! -s 172.16.0.0/12 ! -i veth0 -p udp -m udp --sport 1000:2000 --dport 53 -j ACCEPT
        -A INPUT -p tcp -m tcp ! --dport 8000:8080 --tcp-flags SYN,RST,ACK,FIN SYN -j web
        -A INPUT -p tcp -m tcp ! --sport 7 --tcp-flags ALL NONE -j DROP
        -A INPUT -p tcp -m tcp --tcp-option 8 -j DROP
        -A INPUT -p tcp -m multiport --dports 80,443,8000:8100 -m comment --comment "web ports" -j web
        -A INPUT -p udp -m multiport ! --sports 1,2,3 -j DROP
        -A INPUT -p tcp -m multiport --ports 5,6:9 -j DROP
        -A INPUT -m state --state RELATED,ESTABLISHED -j ACCEPT
        -A INPUT -m state ! --state INVALID -j ACCEPT
        -A INPUT -m conntrack --ctstate INVALID -j LOGDROP
        -A INPUT -m conntrack ! --ctstate NEW,UNTRACKED,DNAT -j RETURN
        -A INPUT -m mark --mark 0x1/0xff -j ACCEPT
        -A INPUT -m mark ! --mark 0x2 -j DROP
        -A INPUT -p icmp -j ACCEPT
        -A INPUT ! -p tcp -d 1.2.3.0/255.0.255.0 -j ACCEPT
        -A INPUT -p 99 -j ACCEPT
        -A INPUT -f -j DROP
        -A FORWARD ! -f -o out0 -j DROP
        -A INPUT -p tcp -j REJECT --reject-with tcp-reset
        -A INPUT -j REJECT --reject-with icmp-host-prohibited
        -A INPUT -j REJECT --reject-with icmp-admin-prohibited
        -A INPUT -j REJECT
        -A INPUT -s 1.2.3.4/32 -g web
        -A INPUT -s 1.2.3.5/32
        -A INPUT -j zz-empty
        -A INPUT -m comment --comment "quote \"me\" and 'you'" -j ACCEPT
        -A INPUT -m comment --comment plain_word-1 -j ACCEPT
        -A LOGDROP -j LOG --log-prefix "drop: " --log-level 4
        -A LOGDROP -j LOG --log-prefix "x " --log-level 7 --log-tcp-sequence --log-tcp-options --log-ip-options --log-uid
        -A LOGDROP -j LOG
        -A LOGDROP -j DROP
        -A web -o eth0 -j MARK --set-xmark 0x5/0xffffffff
        -A web -j MARK --set-mark 0x7
        -A web -j MARK --and-mark 0x3
        -A web -j MARK --or-mark 0x4
        -A web -j RETURN
        COMMIT
        *nat
        :PREROUTING ACCEPT [0:0]
        :INPUT ACCEPT [0:0]
        :OUTPUT ACCEPT [0:0]
        :POSTROUTING ACCEPT [0:0]
        -A PREROUTING -p tcp -m tcp --dport 80 -j DNAT --to-destination 10.0.0.1:8080
        -A PREROUTING -p tcp -m tcp --dport 81 -j DNAT --to-destination 10.0.0.1-10.0.0.5:8080-8090
        -A PREROUTING -d 1.1.1.1/32 -j DNAT --to-destination 10.0.0.2
        -A PREROUTING -p tcp -j REDIRECT --to-ports 3128
        -A PREROUTING -p udp -j REDIRECT --to-ports 5000-5010 --random
        -A PREROUTING -p tcp -j REDIRECT
        -A OUTPUT -p tcp -m tcp --dport 25 -j DNAT --to-destination 127.0.0.1:2525
        -A POSTROUTING -o eth0 -j MASQUERADE
        -A POSTROUTING -o eth1 -p tcp -j MASQUERADE --to-ports 1024-2000 --random
        -A POSTROUTING -o eth2 -j MASQUERADE --random-fully
        -A POSTROUTING -s 10.0.0.0/8 -j SNAT --to-source 1.2.3.4
        -A POSTROUTING -s 10.1.0.0/16 -p udp -j SNAT --to-source 1.2.3.4-1.2.3.9:1000-2000 --random --persistent
        COMMIT
        *mangle
        :PREROUTING ACCEPT [0:0]
        :INPUT ACCEPT [0:0]
        :FORWARD ACCEPT [0:0]
        :OUTPUT ACCEPT [0:0]
        :POSTROUTING ACCEPT [0:0]
        :marks - [0:0]
        -A PREROUTING -p tcp -m tcp --sport 443 -j MARK --set-xmark 0x10/0xf0
        -A OUTPUT -m mark --mark 0x10 -j ACCEPT
        -A OUTPUT -p udp -j marks
        -A marks -j MARK --set-mark 0x20
        COMMIT
        *raw
        :PREROUTING ACCEPT [0:0]
        :OUTPUT ACCEPT [0:0]
        -A PREROUTING -p udp -m udp --dport 53 -j ACCEPT
        -A OUTPUT -o lo -j ACCEPT
        -A OUTPUT -p udp -m udp --dport 9 -j ACCEPT
        COMMIT

        """;
}
