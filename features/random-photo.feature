Feature: Getting a photo back
  Anyone in a family can ask for a photo, with the "📷 Photo" button or /photo, and gets a
  random one of the family album, saying who sent it and when.

  Background:
    Given Alice has started the bot

  Scenario: An empty album says so
    When Alice asks for a photo
    Then Alice receives no photo
    And Alice receives a message containing "Your album is empty. Send me a photo to start it!"

  Scenario: The photo comes back with who sent it
    Given Alice has uploaded 1 photo
    When Alice asks for a photo
    Then Alice receives the photo Alice uploaded
    And Alice receives a message containing "From Alice, "

  Scenario: The caption comes back with the photo
    Given Alice has uploaded a photo with the caption "Grandma turns 80"
    When Alice asks for a photo
    Then Alice receives the photo Alice uploaded
    And Alice receives a message containing "“Grandma turns 80”"

  Scenario: The /photo command does the same as the button
    Given Alice has uploaded 1 photo
    When Alice sends "/photo"
    Then Alice receives the photo Alice uploaded

  Scenario: Never the same photo twice in a row
    Given Alice has uploaded 2 photos
    When Alice asks for a photo 6 times
    Then Alice receives 6 photos
    And Alice never received the same photo twice in a row
    And Alice received every photo Alice uploaded

  Scenario: A photo comes back as it was sent
    Given Alice has uploaded the photo "beach.png"
    When Alice asks for a photo
    Then Alice receives the photo "beach.png"

  Scenario: A family member gets photos someone else sent
    Given Bob has joined Alice's family
    And Alice has uploaded 1 photo
    When Bob asks for a photo
    Then Bob receives the photo Alice uploaded
    And Bob receives a message containing "From Alice, "
    And Alice receives nothing

  Scenario: Someone outside the family never sees its photos
    Given Alice has uploaded 1 photo
    And Carol has started the bot
    When Carol asks for a photo
    Then Carol receives no photo
    And Carol receives a message containing "Your album is empty."
